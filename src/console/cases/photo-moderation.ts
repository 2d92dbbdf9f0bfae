import { and, asc, eq, like } from 'drizzle-orm';
import { loadCase } from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import { caseMedia } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { writeAudit } from '../audit.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { API_BASE, type CasePhoto } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { staffNames } from '../staff.js';
import { scopeHook } from './scope.js';

/**
 * 照片审核: a resident's photo may show faces, number plates or the inside of a home, so it stays
 * off the public pages ('pending') until a staff member shows it (公开) or hides it (隐藏). Staff
 * uploads are shown at once (civic/media.ts). Staff always see every photo in the console.
 */

type MediaRow = typeof caseMedia.$inferSelect;

const photoOf = (caseId: number, p: MediaRow, names: Map<number, string>): CasePhoto => ({
  id: p.id,
  url: `${API_BASE}/cases/${caseId}/photos/${p.id}`,
  contentType: p.contentType,
  bytes: p.bytes,
  source: p.source,
  createdAt: p.createdAt.toISOString(),
  publicState: p.publicState,
  moderatedBy: p.moderatedBy ? { id: p.moderatedBy, name: names.get(p.moderatedBy) ?? `工作人员 #${p.moderatedBy}` } : null,
  moderatedAt: p.moderatedAt?.toISOString() ?? null,
});

const photoWhere = (caseId: number, mediaId?: number) =>
  and(eq(caseMedia.caseId, caseId), like(caseMedia.contentType, 'image/%'), mediaId === undefined ? undefined : eq(caseMedia.id, mediaId));

/** every photo of a case (the caller has checked scope), oldest first, with its public state */
export async function casePhotosForStaff(db: Db, caseId: number): Promise<CasePhoto[]> {
  const rows = await db.select().from(caseMedia).where(photoWhere(caseId)).orderBy(asc(caseMedia.id));
  const names = await staffNames(db, rows.flatMap((r) => (r.moderatedBy ? [r.moderatedBy] : [])));
  return rows.map((r) => photoOf(caseId, r, names));
}

/**
 * Shows or hides one photo on the public pages, with its audit row (before/after) in the same
 * transaction. The caller has checked scope (caseInScope); it is checked again on the case row
 * inside the transaction. Setting the state a photo already has changes nothing and writes no
 * audit row, so who and when stay those of the decision that set it.
 */
export function setPhotoState(
  deps: ConsoleDeps,
  me: StaffPrincipal,
  caseId: number,
  mediaId: number,
  publicState: 'shown' | 'hidden',
): Promise<CasePhoto> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    await scopeHook(tx, me)(await loadCase(tx, caseId));
    const [before] = await tx.select().from(caseMedia).where(photoWhere(caseId, mediaId)).for('update');
    if (!before) throw new AppError('not_found', '没有这张照片', { reason: 'unknown_photo' });
    let row: MediaRow = before;
    if (before.publicState !== publicState) {
      const [updated] = await tx
        .update(caseMedia)
        .set({ publicState, moderatedBy: me.id, moderatedAt: now })
        .where(eq(caseMedia.id, before.id))
        .returning();
      row = updated!;
      await writeAudit(tx, {
        staffId: me.id,
        action: 'case.photo',
        target: `case:${caseId}`,
        before: { mediaId, publicState: before.publicState },
        after: { mediaId, publicState },
        at: now,
      });
    }
    const names = await staffNames(tx, row.moderatedBy ? [row.moderatedBy] : []);
    return photoOf(caseId, row, names);
  });
}
