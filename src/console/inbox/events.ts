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
