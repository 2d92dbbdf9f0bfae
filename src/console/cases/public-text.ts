import { and, desc, eq } from 'drizzle-orm';
import { kindModule, loadCase, proposePublicText, stripInvisible, type CaseRow } from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import { auditLog, cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { writeAudit } from '../audit.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { PublicTextState } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { staffNames } from '../staff.js';
import { scopeHook } from './scope.js';

/**
 * 公开文字: a report's words are public only as a staff member approved them (civic/public-text.ts
 * proposes a version with names, rooms, phone, ID and plate numbers masked; staff read, edit and
 * approve it). Until then the public pages show the category, the community and the status only.
 */

const PUBLIC_TEXT_ACTION = 'case.public_text';

/** the public text of a case as the console shows it; null for kinds whose words are public as typed */
export async function publicTextOf(db: Db, row: CaseRow): Promise<PublicTextState | null> {
  if (!kindModule(row.kind).features.reviewedText) return null;
  const by = row.publicText === null ? undefined : await approver(db, row.id);
  const names = by ? await staffNames(db, [by]) : new Map<number, string>();
  return {
    text: row.publicText,
    proposal: proposePublicText(row.description),
    approvedAt: row.publicTextAt?.toISOString() ?? null,
    approvedBy: by ? { id: by, name: names.get(by) ?? `#${by}` } : null,
  };
}

/** who approved the current public text: the staff member of its latest audit row */
async function approver(db: Db, caseId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ staffId: auditLog.staffId })
    .from(auditLog)
    .where(and(eq(auditLog.action, PUBLIC_TEXT_ACTION), eq(auditLog.target, `case:${caseId}`)))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row?.staffId ?? undefined;
}

/**
 * Approves (and maybe edits) the public text of a report, with its audit row (before/after) in the
 * same transaction; scope is checked on the case row inside it. The same text again changes nothing.
 */
export function approvePublicText(deps: ConsoleDeps, me: StaffPrincipal, caseId: number, text: string): Promise<PublicTextState> {
  const now = deps.now();
  const clean = stripInvisible(text).trim();
  return deps.db.transaction(async (tx) => {
    const before = await loadCase(tx, caseId);
    await scopeHook(tx, me)(before);
    if (!kindModule(before.kind).features.reviewedText)
      throw new AppError('bad_request', '这类事项的文字按居民填写公开，无需审核', { reason: 'no_public_text' });
    if (!clean) throw new AppError('bad_request', '公开文字不能为空', { reason: 'empty_public_text' });
    let row = before;
    if (before.publicText !== clean) {
      const [updated] = await tx.update(cases).set({ publicText: clean, publicTextAt: now }).where(eq(cases.id, caseId)).returning();
      row = updated!;
      await writeAudit(tx, {
        staffId: me.id,
        action: PUBLIC_TEXT_ACTION,
        target: `case:${caseId}`,
        before: { publicText: before.publicText },
        after: { publicText: clean },
        at: now,
      });
    }
    return (await publicTextOf(tx, row))!;
  });
}
