import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor, CivicContext } from '../context.js';
import { categoriesOf } from '../context.js';
import type { CaseKind, CaseRow, Edge } from '../kinds/kind.js';
import { actionLabel, needsLabel, statusLabel } from '../kinds/kind-texts.js';
import { isStatusOf, kindModule, statusAttrs } from '../kinds/registry.js';
import { casePayload, queueCasePush, queueNotePush, queuePublicityNotice } from '../outbox.js';
import { chinaYear } from '../../texts/format.js';
import { envelopeForCase } from '../budgets/envelope.js';
import { publicityOf } from '../publicity.js';
import { civicTexts, fill } from '../texts.js';
import { cleanNote, insertEvent, jsonData, loadCase, staleConflict } from './events.js';

export interface TransitionInput {
  caseId: number;
  to: string;
  actor: Actor;
  /** the status the caller saw; when given and the case has moved on, AppError 'conflict' */
  from?: string;
  /** shown on the public page and pushed to subscribers */
  publicNote?: string;
  /** staff only, never shown to residents */
  internalNote?: string;
  /** what the move needs (assignee, dueAt, approvedCost …), see the kinds' lifecycle tables; recorded on the event */
  data?: Record<string, unknown>;
  /**
   * runs inside the transaction, before the update, on the case moved and on every other case the
   * move touches (Edge.touches: a merge's target); throw to refuse (e.g. a staff scope check)
   */
  authorize?: (row: CaseRow) => void | Promise<void>;
  /**
   * recorded as any move, but no one is pushed: one step of a larger decision whose last move
   * pushes (a 议事会 puts a collected proposal to review on its way to the outcome)
   */
  quiet?: boolean;
  /**
   * present when the caller may approve beyond the year's budget envelope with a reason (a
   * manager: the console's budgetOverride); runs inside the transaction; throw to refuse
   */
  authorizeOverride?: (() => void | Promise<void>) | undefined;
}

export interface TransitionResult {
  caseId: number;
  kind: CaseKind;
  from: string;
  to: string;
  statusLabel: string;
  eventId: number;
  /** pushes queued in the outbox */
  queued: number;
}

/** the edge that moves a case of `kind` from `from` to `to`, if the table has one */
export function findEdge(kind: CaseKind, from: string, to: string): Edge | undefined {
  return kindModule(kind).lifecycle.edges.find((e) => e.to === to && e.from.includes(from));
}

/** every status a case may move to next */
export function nextStatuses(kind: CaseKind, from: string): string[] {
  return kindModule(kind).lifecycle.edges.filter((e) => e.from.includes(from)).map((e) => e.to);
}

/**
 * A move the table does not have, in the words staff click: 「已办结，不能再受理」 for a case past
 * (or off) the step, 「已提交，还不能结案」 for one not there yet. A status no move leads to is named.
 */
function illegal(kind: CaseKind, from: string, to: string): AppError {
  const edges = kindModule(kind).lifecycle.edges.filter((e) => e.to === to);
  const e = edges.find((x) => x.key === undefined) ?? edges[0];
  const action = e ? actionLabel(kind, e) : fill(civicTexts.errors.moveTo, { to: statusLabel(kind, to) });
  const here = statusAttrs(kind, from);
  const there = statusAttrs(kind, to);
  const notYet = !!here && !!there && here.phase !== 'off' && there.phase !== 'off' && there.step > here.step;
  return new AppError('bad_request', fill(notYet ? civicTexts.errors.notYet : civicTexts.errors.illegalTransition, { from: statusLabel(kind, from), action }), {
    reason: 'illegal_transition',
  });
}

/**
 * Moves a case along its lifecycle in ONE transaction: the guarded `UPDATE cases SET status = to
 * WHERE id = ? AND status = from` (0 rows: AppError 'conflict'), the audit event, and for a public
 * move one outbox row per subscriber. A failure anywhere leaves no change and no push.
 */
export async function transition(db: Db, input: TransitionInput, ctx: CivicContext): Promise<TransitionResult> {
  return db.transaction((tx) => transitionInTx(tx, input, ctx));
}

/** the same, inside a transaction the caller already holds */
export async function transitionInTx(tx: Db, input: TransitionInput, ctx: CivicContext): Promise<TransitionResult> {
  const row = await loadCase(tx, input.caseId);
  if (input.from !== undefined && input.from !== row.status) throw staleConflict();
  const { kind } = row;
  if (!isStatusOf(kind, input.to))
    throw new AppError('bad_request', fill(civicTexts.errors.unknownStatus, { status: input.to }), { reason: 'unknown_status' });
  const e = findEdge(kind, row.status, input.to);
  if (!e) throw illegal(kind, row.status, input.to);
  if (!e.actors.includes(input.actor.type) || (input.actor.type === 'resident' && input.actor.id !== row.openid))
    throw new AppError('forbidden', fill(civicTexts.errors.actorNotAllowed, { to: statusLabel(kind, input.to) }), { reason: 'actor_not_allowed' });
  const publicNote = cleanNote(input.publicNote);
  const internalNote = cleanNote(input.internalNote);
  const moveNeeds = (fallback: string) =>
    fill(civicTexts.errors.moveNeeds, { from: statusLabel(kind, row.status), to: statusLabel(kind, input.to), needs: needsLabel(kind, e) ?? fallback });
  if (e.publicNote === 'required' && !publicNote)
    throw new AppError('bad_request', moveNeeds(civicTexts.errors.needsPublicNote), { reason: 'note_required' });
  let data: unknown = {};
  if (e.data) {
    const parsed = e.data.safeParse(input.data ?? {});
    if (!parsed.success) throw new AppError('bad_request', moveNeeds(civicTexts.errors.needsData), { reason: 'invalid_data' });
    data = parsed.data;
  }
  if (input.authorize) {
    await input.authorize(row);
    // a case the move points at that does not exist is refused by the edge's own check, in words
    for (const other of await touchedCases(tx, e.touches?.(data) ?? [], row.id)) await input.authorize(other);
  }
  const c = {
    tx,
    row,
    actor: input.actor,
    now: ctx.now,
    publicNote,
    texts: civicTexts,
    publicity: publicityOf(ctx),
    envelope: () => envelopeForCase(tx, row, chinaYear(ctx.now)),
    authorizeOverride: input.authorizeOverride,
  };
  const changes = e.apply ? await e.apply(data, c) : {};
  const note = publicNote ?? (e.defaultNote ? cleanNote(await e.defaultNote(data, c)) : undefined);
  const [updated] = await tx
    .update(cases)
    .set({ ...changes, status: input.to, updatedAt: ctx.now })
    .where(and(eq(cases.id, row.id), eq(cases.status, row.status)))
    .returning();
  if (!updated) throw staleConflict();
  const eventId = await insertEvent(tx, {
    caseId: row.id,
    at: ctx.now,
    actor: input.actor,
    type: 'status_changed',
    fromStatus: row.status,
    toStatus: input.to,
    publicNote: note ?? null,
    internalNote: internalNote ?? null,
    // the audit keeps what the caller sent (e.g. a resident's verdict) with the validated values on top
    data: withoutKeys({ ...jsonData(input.data), ...jsonData(data) }, e.unrecorded),
  });
  let queued = 0;
  if (e.public && !input.quiet) {
    const payload = casePayload(
      updated,
      'status_changed',
      ctx.now,
      {
        fromStatus: row.status,
        fromStatusLabel: statusLabel(kind, row.status),
        publicNote: note ?? null,
        ...(changes.duplicateOf ? { duplicateOf: changes.duplicateOf } : {}),
      },
      categoriesOf(ctx),
    );
    const exclude = input.actor.type === 'resident' ? input.actor.id : undefined;
    queued += await queueCasePush(tx, { kind: 'status_changed', row: updated, eventId, payload, now: ctx.now, exclude });
    if (statusAttrs(kind, input.to)?.announce)
      queued += await queuePublicityNotice(tx, {
        row: updated,
        eventId,
        payload: { ...payload, update: 'publicity' },
        now: ctx.now,
      });
  }
  if (e.after) {
    const tell = (openid: string, text: string, key: string) =>
      queueNotePush(tx, { row: updated, openid, note: text, key, eventId, now: ctx.now, categories: categoriesOf(ctx) });
    await e.after(data, { ...c, publicNote: note, eventId, tell });
  }
  return { caseId: row.id, kind, from: row.status, to: input.to, statusLabel: statusLabel(kind, input.to), eventId, queued };
}

/** the rows of the other cases a move touches, as they are in the transaction */
async function touchedCases(tx: Db, ids: readonly number[], self: number): Promise<CaseRow[]> {
  const others = [...new Set(ids)].filter((id) => id !== self);
  return others.length ? tx.select().from(cases).where(inArray(cases.id, others)) : [];
}

const withoutKeys = (d: Record<string, unknown>, keys: readonly string[] = []): Record<string, unknown> =>
  Object.fromEntries(Object.entries(d).filter(([k]) => !keys.includes(k)));
