import { and, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { CaseRow } from '../kinds/kind.js';
import { statusLabel } from '../kinds/kind-texts.js';
import { civicTexts, fill } from '../texts.js';
import { loadCase } from './events.js';

/**
 * Claims the case for a timeline change: `UPDATE cases SET updated_at = now WHERE id = ? AND <allowed>`,
 * which also serialises concurrent writers on the row. `allowed` is the (kind, status) condition
 * of the action (e.g. sideActionWhere('transfer')); when the case does not meet it, AppError
 * 'bad_request' naming the current status. Without `allowed`, any status will do.
 */
export async function claimCase(db: Db, o: { caseId: number; now: Date; allowed?: SQL; action: string }): Promise<CaseRow> {
  const where = o.allowed ? and(eq(cases.id, o.caseId), o.allowed) : eq(cases.id, o.caseId);
  const [row] = await db.update(cases).set({ updatedAt: o.now }).where(where).returning();
  if (row) return row;
  const current = await loadCase(db, o.caseId);
  throw new AppError('bad_request', fill(civicTexts.errors.illegalState, { status: statusLabel(current.kind, current.status), action: o.action }), {
    reason: 'illegal_state',
  });
}

