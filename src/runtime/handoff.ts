import { and, eq, ne, sql } from 'drizzle-orm';
import type { ServiceRating } from '../civic/duty-hours.js';
import type { Db } from '../db/client.js';
import { conversations, residents } from '../db/schema.js';

/** The open ticket of a resident who asked for a person, if any: while it exists the bot is silent. */
export interface OpenTicket {
  id: number;
  status: 'queued' | 'assigned' | 'resolved';
  communityId: string | null;
}

/** what the console's live inbox is told (src/console/inbox/events.ts publishes it) */
export type InboxNotice = { type: 'ticket_opened' | 'ticket_updated' | 'message'; ticketId: number; communityId: string | null; status?: 'queued' | 'assigned' | 'resolved' };

export async function openTicketOf(db: Db, openid: string): Promise<OpenTicket | undefined> {
  const [row] = await db
    .select({ id: conversations.id, status: conversations.status, communityId: conversations.communityId })
    .from(conversations)
    .where(and(eq(conversations.openid, openid), ne(conversations.status, 'resolved')))
    .limit(1);
  return row;
}

/**
 * Opens a ticket (queued) unless one is open: the partial unique index makes a retried 人工 or two
 * racing deliveries end with one ticket. Returns whether this call opened it.
 */
export async function requestHandoff(
  db: Db,
  o: { openid: string; reason: string; context: Record<string, unknown>; now: Date },
): Promise<{ ticketId: number; created: boolean; communityId: string | null }> {
  const [resident] = await db.select({ communityId: residents.communityId }).from(residents).where(eq(residents.openid, o.openid));
  const [created] = await db
    .insert(conversations)
    .values({
      openid: o.openid,
      status: 'queued',
      reason: o.reason,
      communityId: resident?.communityId ?? null,
      context: o.context,
      openedAt: o.now,
    })
    .onConflictDoNothing()
    .returning({ id: conversations.id });
  const communityId = resident?.communityId ?? null;
  if (created) return { ticketId: created.id, created: true, communityId };
  const open = await openTicketOf(db, o.openid);
  if (!open) throw new Error('handoff ticket neither created nor found');
  return { ticketId: open.id, created: false, communityId: open.communityId };
}

/**
 * Hands the conversation to a person: a ticket opened (or the open one reused) with the context
 * staff need, and the console's live inbox told of a new one. Returns whether this call opened it.
 */
export async function handOver(
  db: Db,
  inbox: ((notice: InboxNotice) => Promise<void>) | undefined,
  o: { openid: string; reason: string; context: Record<string, unknown>; now: Date },
): Promise<boolean> {
  const r = await requestHandoff(db, o);
  if (r.created) await inbox?.({ type: 'ticket_opened', ticketId: r.ticketId, communityId: r.communityId, status: 'queued' });
  return r.created;
}

/**
 * The resident ends the human service (结束人工, or 取消 with no flow to cancel): the open ticket is
 * resolved, the console's inbox told. Returns whether this call closed it (a ticket staff resolved a
 * moment before is not closed twice).
 */
export async function endTicket(
  db: Db,
  inbox: ((notice: InboxNotice) => Promise<void>) | undefined,
  ticket: OpenTicket,
  now: Date,
): Promise<boolean> {
  const [row] = await db
    .update(conversations)
    .set({ status: 'resolved', resolvedAt: now })
    .where(and(eq(conversations.id, ticket.id), ne(conversations.status, 'resolved')))
    .returning({ id: conversations.id });
  if (row) await inbox?.({ type: 'ticket_updated', ticketId: ticket.id, communityId: ticket.communityId, status: 'resolved' });
  return Boolean(row);
}

/**
 * Tickets nobody wrote on (neither the resident nor staff; internal notes do not count) for
 * `idleMinutes` close by themselves: resolved, each guarded by its status so several instances
 * running this close each ticket once. Returns the tickets closed.
 */
export async function closeIdleTickets(
  db: Db,
  o: { idleMinutes: number; now: Date },
): Promise<{ id: number; openid: string; communityId: string | null }[]> {
  const before = new Date(o.now.getTime() - o.idleMinutes * 60_000).toISOString();
  return db
    .update(conversations)
    .set({ status: 'resolved', resolvedAt: o.now })
    .where(
      and(
        ne(conversations.status, 'resolved'),
        sql`${conversations.openedAt} < ${before}::timestamptz`,
        sql`not exists (select 1 from messages m where m.conversation_id = ${conversations.id} and m.sender not like 'note:%' and m.created_at >= ${before}::timestamptz)`,
      ),
    )
    .returning({ id: conversations.id, openid: conversations.openid, communityId: conversations.communityId });
}

/** the resident's rating of a closed ticket of theirs; the first answer counts */
export async function rateTicket(db: Db, ticketId: number, openid: string, rating: ServiceRating, now: Date): Promise<boolean> {
  const rows = await db
    .update(conversations)
    .set({ rating, ratedAt: now })
    .where(and(eq(conversations.id, ticketId), eq(conversations.openid, openid), eq(conversations.status, 'resolved'), sql`${conversations.rating} is null`))
    .returning({ id: conversations.id });
  return rows.length === 1;
}
