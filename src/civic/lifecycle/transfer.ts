import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { categoriesOf, type Actor, type CivicContext } from '../context.js';
import { casePayload, queueCasePush } from '../outbox.js';
import { civicTexts, fill } from '../texts.js';
import { sideActionWhere } from '../kinds/registry.js';
import { claimCase } from './claim.js';
import { cleanNote, insertEvent, staleConflict } from './events.js';
import type { CaseRow } from '../kinds/kind.js';

export interface TransferInput {
  caseId: number;
  actor: Actor;
  /** the department or unit that takes the case over (the new assignee) */
  department: string;
  /** the status the caller saw; AppError 'conflict' when the case has moved on */
  from?: string;
  /** a new due date; by default the resident's clock keeps running */
  dueAt?: Date;
  publicNote?: string;
  internalNote?: string;
  authorize?: (row: CaseRow) => void | Promise<void>;
}

/**
 * 转办: hands an accepted or in-progress report to another department. An event, not a status (see
 * report.ts): the status stays, the assignee changes, subscribers are told (outbox case_update).
 */
export async function transferCase(
  db: Db,
  input: TransferInput,
  ctx: CivicContext,
): Promise<{ eventId: number; queued: number }> {
  const department = cleanNote(input.department);
  if (!department) throw new AppError('bad_request', civicTexts.errors.departmentRequired, { reason: 'department_required' });
  if (input.actor.type !== 'staff') throw new AppError('forbidden', civicTexts.errors.transferStaffOnly, { reason: 'actor_not_allowed' });
  return db.transaction(async (tx) => {
    const row = await claimCase(tx, {
      caseId: input.caseId,
      now: ctx.now,
      allowed: sideActionWhere('transfer'),
      action: civicTexts.actions.transfer,
    });
    if (input.from !== undefined && input.from !== row.status) throw staleConflict();
    if (input.authorize) await input.authorize(row);
    const [updated] = await tx
      .update(cases)
      .set({ assignee: department, ...(input.dueAt ? { dueAt: input.dueAt } : {}) })
      .where(eq(cases.id, row.id))
      .returning();
    const publicNote = cleanNote(input.publicNote) ?? fill(civicTexts.notes.transferred, { department });
    const eventId = await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: input.actor,
      type: 'transferred',
      publicNote,
      internalNote: cleanNote(input.internalNote) ?? null,
      data: { fromAssignee: row.assignee, toAssignee: department, ...(input.dueAt ? { dueAt: input.dueAt.toISOString() } : {}) },
    });
    const payload = casePayload(updated!, 'transferred', ctx.now, { publicNote }, categoriesOf(ctx));
    const queued = await queueCasePush(tx, { kind: 'case_update', row: updated!, eventId, payload, now: ctx.now });
    return { eventId, queued };
  });
}
