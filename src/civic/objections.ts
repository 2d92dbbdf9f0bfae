import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { outbox, proposalObjections } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Actor, CivicContext } from './context.js';
import { categoriesOf } from './context.js';
import type { CaseRow } from './kinds/kind.js';
import { sideActionStatuses, sideActionWhere } from './kinds/registry.js';
import { claimCase } from './lifecycle/claim.js';
import { cleanNote, insertEvent, loadCase } from './lifecycle/events.js';
import { transitionInTx } from './lifecycle/transition.js';
import { casePayload } from './outbox.js';
import { neutralise } from './text.js';
export { countOpenObjections } from './objection-count.js';
import { civicTexts, fill } from './texts.js';

/** the longest objection kept: a reason, not an essay (the bot's text questions allow 500 too) */
export const OBJECTION_MAX_CHARS = 500;

export type ObjectionStatus = 'open' | 'accepted' | 'rejected' | 'superseded';

/**
 * Whether a case takes objections now, and why not: only a project in 公示 (the kind's side action
 * `objection`), and only until the 公示 staff set ends. The bot words each answer for the resident.
 */
export type ObjectionWindow =
  | { state: 'open'; end: Date | null }
  | { state: 'not_project' }
  | { state: 'before' }
  | { state: 'ended'; end: Date };

export function objectionWindow(row: Pick<CaseRow, 'kind' | 'status' | 'publicityEnd'>, now: Date): ObjectionWindow {
  const statuses = sideActionStatuses(row.kind, 'objection');
  if (!statuses.length) return { state: 'not_project' };
  if (statuses.includes(row.status)) {
    if (row.publicityEnd && now > row.publicityEnd) return { state: 'ended', end: row.publicityEnd };
    return { state: 'open', end: row.publicityEnd };
  }
  // before 公示 the project has no end yet; after it, the end it had stays on the row
  return row.publicityEnd ? { state: 'ended', end: row.publicityEnd } : { state: 'before' };
}

/**
 * 异议 N + reason: recorded for staff to answer, with an internal timeline event (it names no one
 * publicly). The reason is cleaned like other resident text; the openid stays private.
 */
export async function raiseObjection(
  db: Db,
  input: { caseId: number; openid: string; reason: string },
  ctx: CivicContext,
): Promise<{ objectionId: number; eventId: number; end: Date | null }> {
  const reason = cleanNote(neutralise(input.reason).slice(0, OBJECTION_MAX_CHARS));
  if (!reason) throw new AppError('bad_request', civicTexts.errors.emptyObjection, { reason: 'empty_objection' });
  return db.transaction(async (tx) => {
    const row = await claimCase(tx, { caseId: input.caseId, now: ctx.now, allowed: sideActionWhere('objection'), action: civicTexts.actions.objection });
    if (objectionWindow(row, ctx.now).state !== 'open')
      throw new AppError('bad_request', civicTexts.errors.objectionClosed, { reason: 'publicity_ended' });
    const eventId = await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: { type: 'resident', id: input.openid },
      type: 'objection',
      internalNote: reason,
    });
    const [o] = await tx
      .insert(proposalObjections)
      .values({ caseId: row.id, openid: input.openid, reason, createdAt: ctx.now })
      .returning({ id: proposalObjections.id });
    return { objectionId: o!.id, eventId, end: row.publicityEnd };
  });
}

export interface ObjectionView {
  id: number;
  reason: string;
  status: ObjectionStatus;
  answer: string | null;
  createdAt: Date;
  answeredAt: Date | null;
}

/** a case's objections, oldest first, without who raised or answered them (console and public page alike) */
export async function listObjections(db: Db, caseId: number): Promise<ObjectionView[]> {
  return db
    .select({
      id: proposalObjections.id,
      reason: proposalObjections.reason,
      status: proposalObjections.status,
      answer: proposalObjections.answer,
      createdAt: proposalObjections.createdAt,
      answeredAt: proposalObjections.answeredAt,
    })
    .from(proposalObjections)
    .where(eq(proposalObjections.caseId, caseId))
    .orderBy(asc(proposalObjections.createdAt), asc(proposalObjections.id));
}

export interface AnswerObjectionInput {
  caseId: number;
  objectionId: number;
  accepted: boolean;
  /** required when not accepted (it is public); when accepted, the note of the move back to review */
  answer?: string;
  actor: Actor;
  /** the staff scope check, inside the transaction, on the case */
  authorize?: (row: CaseRow) => void | Promise<void>;
}

/**
 * Staff answer one objection. 采纳: the project goes back to review by the lifecycle's own edge
 * publicised → reviewing (recorded and pushed as any move; when it is no longer in 公示 the answer
 * is recorded alone). 不采纳: the reason is required and public. Either way the objector is pushed.
 */
export async function answerObjection(db: Db, input: AnswerObjectionInput, ctx: CivicContext): Promise<{ status: ObjectionStatus; moved: boolean }> {
  const answer = cleanNote(input.answer);
  if (!input.accepted && !answer)
    throw new AppError('bad_request', civicTexts.errors.objectionAnswerRequired, { reason: 'answer_required' });
  return db.transaction(async (tx) => {
    const [o] = await tx
      .select()
      .from(proposalObjections)
      .where(and(eq(proposalObjections.id, input.objectionId), eq(proposalObjections.caseId, input.caseId)))
      .for('update');
    if (!o) throw new AppError('not_found', civicTexts.errors.objectionNotFound, { reason: 'objection_not_found' });
    const row = await loadCase(tx, input.caseId);
    if (input.authorize) await input.authorize(row);
    if (o.status !== 'open') throw new AppError('conflict', civicTexts.errors.objectionAnswered, { reason: 'objection_answered' });
    const status: ObjectionStatus = input.accepted ? 'accepted' : 'rejected';
    const text = answer ?? civicTexts.objection.acceptedNote;
    // answered before the move back to review, which closes the objections still open
    await tx
      .update(proposalObjections)
      .set({ status, answer: text, answeredBy: input.actor.id, answeredAt: ctx.now })
      .where(eq(proposalObjections.id, o.id));
    let moved = false;
    if (input.accepted && sideActionStatuses(row.kind, 'objection').includes(row.status)) {
      await transitionInTx(tx, { caseId: row.id, to: 'reviewing', actor: input.actor, publicNote: text }, ctx);
      moved = true;
    }
    const eventId = await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: input.actor,
      type: 'objection',
      internalNote: fill(input.accepted ? civicTexts.objection.acceptedEvent : civicTexts.objection.rejectedEvent, { answer: text }),
      data: { objectionId: o.id, status },
    });
    const update = fill(input.accepted ? civicTexts.objection.acceptedPush : civicTexts.objection.rejectedPush, { answer: text });
    const payload = casePayload(moved ? await loadCase(tx, row.id) : row, 'note', ctx.now, { publicNote: update }, categoriesOf(ctx));
    await tx
      .insert(outbox)
      .values({
        openid: o.openid,
        caseId: row.id,
        eventId,
        kind: 'case_update',
        payload: payload as unknown as Record<string, unknown>,
        idempotencyKey: `objection:${o.id}:${o.openid}`,
        nextAttemptAt: ctx.now,
        createdAt: ctx.now,
      })
      .onConflictDoNothing({ target: outbox.idempotencyKey });
    return { status, moved };
  });
}
