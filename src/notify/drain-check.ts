import { and, count, eq, lt, min } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { outbox } from '../db/schema.js';

/**
 * Is someone draining the outbox? Pushes due more than `staleMs` ago and still pending mean no push
 * worker runs (or none keeps up): /readyz says so, with how many and since when. Quiet hours and
 * back-off move a push's next attempt forward, so they do not count.
 */
export async function checkOutboxDrained(db: Db, now: Date, staleMs: number): Promise<void> {
  const [row] = await db
    .select({ waiting: count(), since: min(outbox.nextAttemptAt) })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lt(outbox.nextAttemptAt, new Date(now.getTime() - staleMs))));
  if (row && row.waiting > 0) {
    const since = row.since instanceof Date ? row.since.toISOString() : String(row.since);
    throw new Error(`${row.waiting} push${row.waiting === 1 ? '' : 'es'} due since ${since} are still waiting: is a push worker running (npm run worker, or PUSH_WORKER)?`);
  }
}
