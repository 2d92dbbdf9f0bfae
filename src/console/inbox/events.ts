import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { conversations } from '../../db/schema.js';
import type { StateStore } from '../../state/store.js';
import { inboxEventSchema, type InboxEvent } from '../contract.js';
import { consoleKeys } from '../keys.js';

export type InboxEventInput = Omit<InboxEvent, 'at'> & { at?: Date | string };

/**
 * Tells every console instance that the inbox changed, through the state store's pub/sub (Redis
 * across instances, in-process otherwise). The runtime calls it when it opens a ticket
 * (ticket_opened) and when a resident writes while a ticket is open (message); the console calls
 * it on claim, assign, reply, note and resolve. Never throws: a lost event only delays a refresh.
 */
export async function publishInboxEvent(store: StateStore, event: InboxEventInput): Promise<void> {
  const at = event.at instanceof Date ? event.at.toISOString() : (event.at ?? new Date().toISOString());
  const payload: InboxEvent = { ...event, at };
  try {
    await store.publish(consoleKeys.inboxChannel, JSON.stringify(payload));
  } catch {
    // the SSE clients also poll on reconnect; nothing else depends on the event
  }
}

/**
 * The runtime's one-liner: reads the ticket's community, status and assignee and publishes the
 * event, so the caller needs to know nothing but the ticket id. Call it after the ticket row is
 * committed: `ticket_opened` when requestHandoff returns created: true, `message` after
 * recordInbound while a ticket is open. Never throws.
 */
export async function publishTicketEvent(
  db: Db,
  store: StateStore,
  type: InboxEvent['type'],
  ticketId: number,
  at: Date = new Date(),
): Promise<void> {
  try {
    const [t] = await db
      .select({ communityId: conversations.communityId, status: conversations.status, assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(eq(conversations.id, ticketId));
    if (t) await publishInboxEvent(store, { type, ticketId, communityId: t.communityId, status: t.status, assigneeId: t.assigneeId, at });
  } catch {
    // as above: a lost event only delays a refresh
  }
}

/** calls `onEvent` for every well-formed inbox event; returns the unsubscribe function */
export function subscribeInbox(store: StateStore, onEvent: (e: InboxEvent) => void): Promise<() => Promise<void>> {
  return store.subscribe(consoleKeys.inboxChannel, (raw) => {
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return;
    }
    const parsed = inboxEventSchema.safeParse(value);
    if (parsed.success) onEvent(parsed.data);
  });
}
