import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { conversations } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { writeAudit } from '../audit.js';
import { inScope } from '../auth/access.js';
import { can } from '../auth/policy.js';
import { toPrincipal, type StaffPrincipal } from '../auth/principal.js';
import type { ConsoleDeps } from '../deps.js';
import { findStaff } from '../staff.js';
import { forgetResidentCard } from '../../state/resident-card.js';
import { serviceRatingAsk } from '../../state/service-rating.js';
import { consoleTexts } from '../console-texts.js';
import { menuLink } from '../../engine/menu-link.js';
import { publishInboxEvent } from './events.js';
import { recordStaffMessage, toEntries } from './transcript.js';
import { assertTicketScope, type TicketRow } from './tickets.js';
import type { TranscriptEntry } from '../contract.js';

const snapshot = (t: TicketRow) => ({ status: t.status, assigneeId: t.assigneeId, resolvedAt: t.resolvedAt });

async function changed(deps: ConsoleDeps, me: StaffPrincipal, action: string, before: TicketRow, after: TicketRow, tx: Db) {
  await writeAudit(tx, { staffId: me.id, action, target: `ticket:${after.id}`, before: snapshot(before), after: snapshot(after), at: deps.now() });
}

/**
 * After a ticket changed: the resident's turn card is not trusted again (state/resident-card.ts:
 * their next message reads the ticket from PostgreSQL), and the live inbox is told.
 */
async function announce(deps: ConsoleDeps, t: TicketRow): Promise<void> {
  // a lost bump leaves a card that ends within its ten minutes
  await forgetResidentCard(deps.store, t.openid).catch(() => {});
  await publishInboxEvent(deps.store, {
    type: 'ticket_updated',
    ticketId: t.id,
    communityId: t.communityId,
    status: t.status,
    assigneeId: t.assigneeId,
    at: deps.now(),
  });
}

/**
 * 接单: queued → assigned to me. Claiming a ticket I already hold is a no-op; one held by someone
 * else or already resolved is 409 (reassigning is /assign).
 */
export async function claimTicket(deps: ConsoleDeps, me: StaffPrincipal, t: TicketRow): Promise<boolean> {
  await assertTicketScope(deps.db, me, t);
  const updated = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ status: 'assigned', assigneeId: me.id })
      .where(and(eq(conversations.id, t.id), eq(conversations.status, 'queued')))
      .returning();
    if (row) await changed(deps, me, 'ticket.claim', t, row, tx);
    return row;
  });
  if (updated) {
    await announce(deps, updated);
    return true;
  }
  const [cur] = await deps.db.select().from(conversations).where(eq(conversations.id, t.id));
  if (cur?.status === 'assigned' && cur.assigneeId === me.id) return false;
  if (cur?.status === 'resolved') throw new AppError('conflict', '该咨询已结束', { reason: 'ticket_resolved' });
  const holder = cur?.assigneeId ? await findStaff(deps.db, cur.assigneeId) : undefined;
  throw new AppError('conflict', `该咨询已由${holder?.displayName ?? '其他工作人员'}接单`, { reason: 'ticket_taken' });
}

/** 指派 / 转派: to an enabled staff user who holds the inbox permission and whose scope covers the ticket's community */
export async function assignTicket(deps: ConsoleDeps, me: StaffPrincipal, t: TicketRow, assigneeId: number): Promise<boolean> {
  await assertTicketScope(deps.db, me, t);
  const target = await findStaff(deps.db, assigneeId);
  if (!target || target.disabled || !can(target, 'inbox') || !(await inScope(deps.db, toPrincipal(target), t.communityId)))
    throw new AppError('bad_request', '只能指派给负责该社区的在岗工作人员', { reason: 'bad_assignee' });
  if (t.status === 'resolved') throw new AppError('conflict', '该咨询已结束', { reason: 'ticket_resolved' });
  if (t.status === 'assigned' && t.assigneeId === assigneeId) return false;
  const updated = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ status: 'assigned', assigneeId })
      .where(and(eq(conversations.id, t.id), ne(conversations.status, 'resolved')))
      .returning();
    if (row) await changed(deps, me, 'ticket.assign', t, row, tx);
    return row;
  });
  if (!updated) throw new AppError('conflict', '该咨询已结束', { reason: 'ticket_resolved' });
  await announce(deps, updated);
  return true;
}

/** 结束: resolved, resolved_at set; the resident is back with the bot. Resolving twice is a no-op. */
export async function resolveTicket(deps: ConsoleDeps, me: StaffPrincipal, t: TicketRow): Promise<boolean> {
  await assertTicketScope(deps.db, me, t);
  const updated = await deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(conversations)
      .set({ status: 'resolved', resolvedAt: deps.now() })
      .where(and(eq(conversations.id, t.id), ne(conversations.status, 'resolved')))
      .returning();
    if (row) await changed(deps, me, 'ticket.resolve', t, row, tx);
    return row;
  });
  if (!updated) return false;
  await announce(deps, updated);
  await tellResidentBotIsBack(deps, me, updated);
  return true;
}

/**
 * The resident is told the person has gone and the bot is back (a customer-service message, and a
 * line in the transcript). Best effort: with the window closed or WeChat failing, the resident
 * finds the bot answering at their next message.
 */
async function tellResidentBotIsBack(deps: ConsoleDeps, me: StaffPrincipal, t: TicketRow): Promise<void> {
  const api = deps.api();
  if (!api) return;
  const words = consoleTexts().residents;
  // the rating's answers are taps (1 满意 / 2 基本满意 / 3 不满意, sending 1, 2, 3: config/handoff.yaml's words)
  const content = [words.ticketResolved, menuLink('1', 1, words.rateSatisfied), menuLink('2', 2, words.rateFair), menuLink('3', 3, words.rateUnsatisfied)].join('\n');
  try {
    const status = await api.quota.status(t.openid);
    if (!status.open || status.remaining <= 0) return;
    await api.custom.send(t.openid, { type: 'text', content });
    await deps.store.apply([serviceRatingAsk(t.openid, t.id)]);
    await recordStaffMessage(deps.db, { ticket: t, staffId: me.id, kind: 'staff', msgType: 'text', body: content, at: deps.now(), data: {} });
  } catch (e) {
    deps.logger.info({ ticketId: t.id, err: e instanceof Error ? e.message : String(e) }, 'resident not told the ticket was resolved');
  }
}

/** 内部备注: written to the transcript as note:<id>, never sent to WeChat */
export async function noteTicket(deps: ConsoleDeps, me: StaffPrincipal, t: TicketRow, text: string): Promise<TranscriptEntry> {
  await assertTicketScope(deps.db, me, t);
  const now = deps.now();
  const row = await recordStaffMessage(deps.db, { ticket: t, staffId: me.id, kind: 'note', msgType: 'note', body: text, at: now });
  await writeAudit(deps.db, { staffId: me.id, action: 'ticket.note', target: `ticket:${t.id}`, after: { messageId: row.id }, at: now });
  await publishInboxEvent(deps.store, { type: 'message', ticketId: t.id, communityId: t.communityId, at: now });
  const [entry] = await toEntries(deps.db, [row]);
  return entry!;
}

/** takes a queued ticket for the staff member who answers it (a reply is a claim) */
export async function claimIfQueued(deps: ConsoleDeps, me: StaffPrincipal, t: TicketRow): Promise<void> {
  if (t.status !== 'queued') return;
  await claimTicket(deps, me, t).catch((e: unknown) => {
    if (!(e instanceof AppError && e.code === 'conflict')) throw e;
  });
}
