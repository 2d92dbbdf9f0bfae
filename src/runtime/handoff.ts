import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { conversations, residents } from '../db/schema.js';

/** The open ticket of a resident who asked for a person, if any: while it exists the bot is silent. */
export async function openTicketOf(db: Db, openid: string): Promise<{ id: number; status: string } | undefined> {
  const [row] = await db
    .select({ id: conversations.id, status: conversations.status })
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
): Promise<{ ticketId: number; created: boolean }> {
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
  if (created) return { ticketId: created.id, created: true };
  const open = await openTicketOf(db, o.openid);
  if (!open) throw new Error('handoff ticket neither created nor found');
  return { ticketId: open.id, created: false };
}
