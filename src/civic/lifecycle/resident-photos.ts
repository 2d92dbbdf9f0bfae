import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { caseMedia } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { CivicContext } from '../context.js';
import { insertMedia, type PhotoInput } from '../media.js';
import { civicTexts, fill } from '../texts.js';
import { claimCase } from './claim.js';
import { insertEvent } from './events.js';

/** a case keeps at most this many photos, whoever adds them */
export const MAX_CASE_PHOTOS = 9;

/**
 * Photos a resident adds to a case they filed (补充到 #N？ after a photo sent just after filing): one
 * internal note on the timeline (居民补充了 2 张照片) and the photos, waiting for a staff member's look
 * before they are public, as a report's own photos do. Photos past MAX_CASE_PHOTOS are not added;
 * `added` says how many were.
 */
export async function addResidentPhotos(
  db: Db,
  input: { caseId: number; openid: string; photos: readonly PhotoInput[] },
  ctx: CivicContext,
): Promise<{ added: number }> {
  return db.transaction(async (tx) => {
    const row = await claimCase(tx, { caseId: input.caseId, now: ctx.now, action: civicTexts.actions.addPhotos });
    if (row.openid !== input.openid) throw new AppError('forbidden', civicTexts.errors.photosNotAuthor, { reason: 'not_author' });
    const held = await tx.select({ sha256: caseMedia.sha256 }).from(caseMedia).where(eq(caseMedia.caseId, row.id));
    const seen = new Set(held.map((m) => m.sha256.toLowerCase()));
    const fresh = input.photos.filter((p) => !seen.has(p.sha256.toLowerCase()) && !!seen.add(p.sha256.toLowerCase()));
    const photos = fresh.slice(0, Math.max(0, MAX_CASE_PHOTOS - held.length));
    if (!photos.length) return { added: 0 };
    const eventId = await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: { type: 'resident', id: input.openid },
      type: 'note',
      internalNote: fill(civicTexts.staff.internal.residentPhotos, { n: photos.length }),
      data: { photos: photos.length },
    });
    await insertMedia(tx, { caseId: row.id, eventId, photos, source: 'resident', now: ctx.now });
    return { added: photos.length };
  });
}
