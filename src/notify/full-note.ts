import type { Db } from '../db/client.js';
import { outbox } from '../db/schema.js';
import type { OutboxRow } from './outbox-rows.js';
import { FULL_NOTE_KIND } from './push-content.js';

/**
 * A template carried a note too long for its field (it said 说明较长，全文另发给您): the whole note is
 * queued as a push of its own, for the same resident and case. It has no template, so the worker
 * sends it as a customer-service message while the resident's window is open, and otherwise holds
 * it for their next message (takeHeldUpdates). Once per push: the key derives from the push's.
 */
export async function queueFullNote(db: Db, row: OutboxRow, now: Date): Promise<void> {
  const { delivery: _delivery, ...payload } = row.payload;
  await db
    .insert(outbox)
    .values({
      openid: row.openid,
      caseId: row.caseId,
      eventId: row.eventId,
      kind: FULL_NOTE_KIND,
      payload,
      idempotencyKey: `${row.idempotencyKey}:note`,
      status: 'pending',
      nextAttemptAt: now,
      createdAt: now,
    })
    .onConflictDoNothing();
}
