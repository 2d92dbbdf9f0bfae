import { and, asc, desc, eq, ne, sql, type SQL } from 'drizzle-orm';
import { excerpt } from '../../civic/text.js';
import type { Db } from '../../db/client.js';
import { communities, conversations, messages, staffUsers } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { assertScope, scopeWhere } from '../auth/access.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { TICKET_STATUS_LABELS, type inboxListQuerySchema, type Ticket } from '../contract.js';
import { toDate } from '../dates.js';
import { isoOrNull, maskOpenid } from '../http.js';
import type { z } from 'zod';

export type TicketRow = typeof conversations.$inferSelect;

/** the last message of a ticket that the resident or staff could read (notes left out) */
const lastOf = (col: 'created_at' | 'body' | 'direction') =>
  sql`(select ${sql.raw(`lm.${col}`)} from messages lm where lm.conversation_id = conversations.id and lm.sender not like 'note:%' order by lm.created_at desc, lm.id desc limit 1)`;

const ticketColumns = {
  t: conversations,
  communityName: communities.name,
  assigneeName: staffUsers.displayName,
  lastAt: lastOf('created_at').mapWith(messages.at),
  lastBody: lastOf('body'),
  lastDirection: lastOf('direction'),
};

type Joined = { t: TicketRow; communityName: string | null; assigneeName: string | null; lastAt: unknown; lastBody: unknown; lastDirection: unknown };

function toTicket(r: Joined, now: Date): Ticket {
  const lastAt = toDate(r.lastAt);
  const since =
    r.t.status === 'queued' ? r.t.openedAt : r.t.status === 'assigned' && r.lastDirection === 'in' && lastAt ? lastAt : null;
  return {
    id: r.t.id,
    status: r.t.status,
    statusLabel: TICKET_STATUS_LABELS[r.t.status],
    reason: r.t.reason,
    residentLabel: maskOpenid(r.t.openid),
    communityId: r.t.communityId,
    communityName: r.communityName,
    assigneeId: r.t.assigneeId,
    assigneeName: r.assigneeName,
    openedAt: r.t.openedAt.toISOString(),
    resolvedAt: isoOrNull(r.t.resolvedAt),
    lastMessageAt: isoOrNull(lastAt),
    lastMessagePreview: typeof r.lastBody === 'string' ? excerpt(r.lastBody, 60) : null,
    waitingMinutes: since ? Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000)) : 0,
  };
}

const base = (db: Db) =>
  db
    .select(ticketColumns)
    .from(conversations)
    .leftJoin(communities, eq(communities.id, conversations.communityId))
    .leftJoin(staffUsers, eq(staffUsers.id, conversations.assigneeId));

/** the inbox of a user: tickets in their scope (in SQL), waiting longest first; resolved ones last */
export async function listTickets(
  db: Db,
  me: StaffPrincipal,
  q: z.output<typeof inboxListQuerySchema>,
  now: Date,
): Promise<{ items: Ticket[]; total: number }> {
  const conds: (SQL | undefined)[] = [scopeWhere(me, conversations.communityId)];
  if (q.status === 'open') conds.push(ne(conversations.status, 'resolved'));
  else if (q.status !== 'all') conds.push(eq(conversations.status, q.status));
  if (q.mine) conds.push(eq(conversations.assigneeId, me.id));
  if (q.communityId) conds.push(eq(conversations.communityId, q.communityId));
  const where = and(...conds);
  const rows = await base(db)
    .where(where)
    .orderBy(
      asc(sql`case ${conversations.status} when 'queued' then 0 when 'assigned' then 1 else 2 end`),
      asc(sql`case when ${conversations.status} = 'resolved' then null else ${conversations.openedAt} end`),
      desc(conversations.resolvedAt),
      desc(conversations.id),
    )
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(conversations).where(where);
  return { items: rows.map((r) => toTicket(r, now)), total: Number(count?.n ?? 0) };
}

/** one ticket, 404 when unknown and 403 when out of the user's scope (before anything is read out) */
export async function ticketInScope(db: Db, me: StaffPrincipal, id: number): Promise<TicketRow> {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
  if (!row) throw new AppError('not_found', '没有这条咨询', { reason: 'unknown_ticket' });
  await assertScope(db, me, row.communityId, '咨询');
  return row;
}

/**
 * Inside every ticket write: the ticket as it is now must be in the user's scope. The route checked
 * it as read (ticketInScope); the write checks it again, so a ticket moved to another community in
 * between, or a caller that skipped the route, changes nothing.
 */
export async function assertTicketScope(db: Db, me: StaffPrincipal, t: Pick<TicketRow, 'id'>): Promise<void> {
  const [row] = await db.select({ communityId: conversations.communityId }).from(conversations).where(eq(conversations.id, t.id));
  if (!row) throw new AppError('not_found', '没有这条咨询', { reason: 'unknown_ticket' });
  await assertScope(db, me, row.communityId, '咨询');
}

export async function ticketView(db: Db, id: number, now: Date): Promise<Ticket> {
  const [row] = await base(db).where(eq(conversations.id, id));
  if (!row) throw new AppError('not_found', '没有这条咨询', { reason: 'unknown_ticket' });
  return toTicket(row, now);
}
