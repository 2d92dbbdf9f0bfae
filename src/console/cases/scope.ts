import { eq } from 'drizzle-orm';
import type { CaseRow } from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { caseInScopeOf } from '../auth/access.js';
import type { StaffPrincipal } from '../auth/principal.js';

/** one case: 404 when there is none, 403 when it is outside the user's scope */
export async function caseInScope(db: Db, me: StaffPrincipal, id: number): Promise<CaseRow> {
  const [row] = await db.select().from(cases).where(eq(cases.id, id));
  if (!row) throw new AppError('not_found', `没有找到编号为 ${id} 的事项`, { reason: 'unknown_case' });
  await assertCaseScope(db, me, row);
  return row;
}

/**
 * The `authorize` hook for civic writes: runs inside the transaction on the row as it is now, so a
 * case moved to another community meanwhile is refused too.
 */
export const scopeHook =
  (db: Db, me: StaffPrincipal) =>
  (row: CaseRow): Promise<void> =>
    assertCaseScope(db, me, row);

/** 403 unless the case is the user's: its community's, or (no community) the street left to triage it; a unit's when assigned to it (access.ts) */
async function assertCaseScope(db: Db, me: StaffPrincipal, row: CaseRow): Promise<void> {
  if (!(await caseInScopeOf(db, me, row))) throw new AppError('forbidden', '无权访问其他社区的事项', { reason: 'out_of_scope' });
}
