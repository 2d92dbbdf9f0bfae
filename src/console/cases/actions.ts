import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import {
  addMilestone,
  addNote,
  claimCase,
  cleanNote,
  insertEvent,
  sideActionWhere,
  reassignCommunity,
  transferCase,
  transitionInTx,
  type CivicContext,
  type ReassignScope,
  type TransitionResult,
} from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { writeAudit } from '../audit.js';
import { can, scopeOf } from '../auth/policy.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { caseAssignBodySchema, caseNoteBodySchema, milestoneBodySchema, reassignBodySchema, transferBodySchema, transitionBodySchema } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { scopeHook } from './scope.js';

/**
 * Staff writes on cases, each in ONE transaction with its audit row: the civic function does the
 * change (its `authorize` hook re-checks the user's scope on the row inside the transaction) and
 * writeAudit records who did what, before and after. Callers check scope first (caseInScope), so
 * an out-of-scope user learns nothing from a validation message.
 */

export const civicCtx = (deps: ConsoleDeps): CivicContext => ({
  now: deps.now(),
  ...(deps.config.categories ? { categories: deps.config.categories } : {}),
  ...(deps.config.calendar ? { calendar: deps.config.calendar } : {}),
  ...(deps.config.publicity ? { publicity: deps.config.publicity } : {}),
});
export const actorOf = (me: StaffPrincipal) => ({ type: 'staff' as const, id: String(me.id) });
/**
 * the civic `authorizeOverride` hook: called by the envelope rule, inside the move's transaction,
 * only when a budget goes beyond what the year's envelope has left and a reason is given; refuses
 * an account without budgetOverride (the street's managers hold it)
 */
export const overrideHook = (me: StaffPrincipal): { authorizeOverride: () => void } => ({
  authorizeOverride: () => {
    if (!can(me, 'budgetOverride')) throw new AppError('forbidden', '超出年度预算需要街道主管确认，您的账号不能确认', { reason: 'override_not_allowed' });
  },
});

export type TransitionBody = z.output<typeof transitionBodySchema>;

export function runTransition(deps: ConsoleDeps, me: StaffPrincipal, caseId: number, b: TransitionBody): Promise<TransitionResult> {
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx) => {
    const r = await transitionInTx(
      tx,
      {
        caseId,
        to: b.to,
        actor: actorOf(me),
        ...(b.from ? { from: b.from } : {}),
        ...(b.publicNote !== undefined ? { publicNote: b.publicNote } : {}),
        ...(b.internalNote !== undefined ? { internalNote: b.internalNote } : {}),
        data: b.data,
        authorize: scopeHook(tx, me),
        ...overrideHook(me),
      },
      ctx,
    );
    await writeAudit(tx, {
      staffId: me.id,
      action: 'case.transition',
      target: `case:${caseId}`,
      before: { status: r.from },
      after: { status: r.to, publicNote: cleanNote(b.publicNote) ?? null, internalNote: cleanNote(b.internalNote) ?? null, data: b.data, eventId: r.eventId },
      at: ctx.now,
    });
    return r;
  });
}

/** 指派: sets who handles an open report (and optionally its due date); an internal timeline entry */
export function assignCase(deps: ConsoleDeps, me: StaffPrincipal, caseId: number, b: z.output<typeof caseAssignBodySchema>) {
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx) => {
    const row = await claimCase(tx, { caseId, now: ctx.now, allowed: sideActionWhere('assign'), action: '指派' });
    await scopeHook(tx, me)(row);
    const dueAt = b.dueAt ? new Date(b.dueAt) : undefined;
    await tx.update(cases).set({ assignee: b.assignee, ...(dueAt ? { dueAt } : {}) }).where(eq(cases.id, row.id));
    const eventId = await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: actorOf(me),
      type: 'note',
      internalNote: cleanNote(b.internalNote) ?? `指派给 ${b.assignee}`,
      data: { assignee: b.assignee, fromAssignee: row.assignee, ...(dueAt ? { dueAt: dueAt.toISOString() } : {}) },
    });
    await writeAudit(tx, {
      staffId: me.id,
      action: 'case.assign',
      target: `case:${row.id}`,
      before: { assignee: row.assignee, dueAt: row.dueAt },
      after: { assignee: b.assignee, dueAt: dueAt ?? row.dueAt, eventId },
      at: ctx.now,
    });
    return { eventId, queued: 0 };
  });
}

/** 备注: a public or internal note; an account without publicNote (deputies) adds internal notes only (their comments) */
export function noteCase(deps: ConsoleDeps, me: StaffPrincipal, caseId: number, b: z.output<typeof caseNoteBodySchema>) {
  if (!can(me, 'publicNote') && cleanNote(b.publicNote))
    throw new AppError('forbidden', '您的账号只能添加内部意见，不能发布公开说明', { reason: 'internal_notes_only' });
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx) => {
    const r = await addNote(
      tx,
      { caseId, actor: actorOf(me), ...(b.publicNote ? { publicNote: b.publicNote } : {}), ...(b.internalNote ? { internalNote: b.internalNote } : {}), authorize: scopeHook(tx, me) },
      ctx,
    );
    await writeAudit(tx, { staffId: me.id, action: 'case.note', target: `case:${caseId}`, after: { eventId: r.eventId, publicNote: cleanNote(b.publicNote) ?? null, internalNote: cleanNote(b.internalNote) ?? null }, at: ctx.now });
    return r;
  });
}

/** 实施进度 of a project being implemented */
export function milestoneCase(deps: ConsoleDeps, me: StaffPrincipal, caseId: number, b: z.output<typeof milestoneBodySchema>) {
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx) => {
    const r = await addMilestone(tx, { caseId, date: b.date, note: b.note, percent: b.percent, actor: actorOf(me), authorize: scopeHook(tx, me) }, ctx);
    await writeAudit(tx, { staffId: me.id, action: 'case.milestone', target: `case:${caseId}`, after: { ...b, eventId: r.eventId }, at: ctx.now });
    return { eventId: r.eventId, queued: r.queued };
  });
}

/** 转办 to another department */
export function transferCaseAction(deps: ConsoleDeps, me: StaffPrincipal, caseId: number, b: z.output<typeof transferBodySchema>) {
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx: Db) => {
    const [before] = await tx.select({ assignee: cases.assignee, dueAt: cases.dueAt }).from(cases).where(eq(cases.id, caseId));
    const r = await transferCase(
      tx,
      {
        caseId,
        actor: actorOf(me),
        department: b.department,
        ...(b.from ? { from: b.from } : {}),
        ...(b.dueAt ? { dueAt: new Date(b.dueAt) } : {}),
        ...(b.publicNote ? { publicNote: b.publicNote } : {}),
        ...(b.internalNote ? { internalNote: b.internalNote } : {}),
        authorize: scopeHook(tx, me),
      },
      ctx,
    );
    await writeAudit(tx, { staffId: me.id, action: 'case.transfer', target: `case:${caseId}`, before, after: { assignee: b.department, dueAt: b.dueAt ?? before?.dueAt ?? null, eventId: r.eventId }, at: ctx.now });
    return r;
  });
}

/** the scope 改派社区 is held to: the account's, when it may move cases at all (a unit hands nothing between communities) */
function reassignScopeOf(me: StaffPrincipal): ReassignScope {
  if (!can(me, 'transition')) return { kind: 'none' };
  const s = scopeOf(me);
  switch (s.kind) {
    case 'all':
    case 'street':
    case 'community':
    case 'none':
      return s;
    case 'unit':
      return { kind: 'none' };
  }
}

/** 改派社区 to another community: the civic operation checks the user's scope on the case and the target; the due date is kept */
export function reassignCaseAction(deps: ConsoleDeps, me: StaffPrincipal, caseId: number, b: z.output<typeof reassignBodySchema>) {
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx: Db) => {
    const [before] = await tx.select({ communityId: cases.communityId, streetId: cases.streetId, dueAt: cases.dueAt }).from(cases).where(eq(cases.id, caseId));
    const r = await reassignCommunity(
      tx,
      {
        caseId,
        actor: actorOf(me),
        communityId: b.communityId,
        scope: reassignScopeOf(me),
        ...(b.from ? { from: b.from } : {}),
        ...(b.publicNote ? { publicNote: b.publicNote } : {}),
        ...(b.internalNote ? { internalNote: b.internalNote } : {}),
      },
      ctx,
    );
    const [after] = await tx.select({ communityId: cases.communityId, streetId: cases.streetId, dueAt: cases.dueAt }).from(cases).where(eq(cases.id, caseId));
    await writeAudit(tx, { staffId: me.id, action: 'case.reassign', target: `case:${caseId}`, before, after: { ...after, eventId: r.eventId }, at: ctx.now });
    return r;
  });
}
