import { and, eq, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { outbox } from '../db/schema.js';

export type OutboxRow = typeof outbox.$inferSelect;

/** a row whose lease expired is due again: its worker died or stalled */
const dueCondition = (now: Date) =>
  and(
    lte(outbox.nextAttemptAt, now),
    or(eq(outbox.status, 'pending'), and(eq(outbox.status, 'sending'), lte(outbox.lockedUntil, now))),
  );

/**
 * Claims up to `limit` due rows for this worker: one `UPDATE … WHERE id = ANY(ARRAY(SELECT … FOR
 * UPDATE SKIP LOCKED)) RETURNING *`. On PostgreSQL, concurrent workers skip each other's locked rows, and
 * a row another worker claimed meanwhile fails the re-checked condition, so no row is claimed
 * twice. PGlite has one connection and runs statements one at a time; the same statement is
 * atomic there too. Each claim increments `attempts`, which then fences every later write of
 * this claim (a worker whose lease ran out cannot overwrite its successor's result).
 */
export async function claimDue(db: Db, o: { now: Date; limit: number; leaseMs: number }): Promise<OutboxRow[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(dueCondition(o.now))
    .orderBy(outbox.nextAttemptAt, outbox.id)
    .limit(o.limit)
    .for('update', { skipLocked: true });
  const rows = await db
    .update(outbox)
    .set({
      status: 'sending',
      lockedUntil: new Date(o.now.getTime() + o.leaseMs),
      attempts: sql`${outbox.attempts} + 1`,
    })
    // ARRAY(…) is evaluated once (an InitPlan); `id IN (SELECT … LIMIT n)` may be planned as a
    // nested loop that re-runs the subquery per row and, skipping the rows it just locked, claims
    // far more than n rows
    .where(and(sql`${outbox.id} = any(array(${due}))`, dueCondition(o.now)))
    .returning();
  return rows.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id);
}

export type RowPatch = Partial<
  Pick<OutboxRow, 'status' | 'channel' | 'lastError' | 'sentAt' | 'nextAttemptAt' | 'lockedUntil' | 'payload'>
>;

/**
 * Writes this claim's outcome (or progress) on the row, only while the claim still holds it:
 * status 'sending' and the attempts count seen at the claim. false = the lease was lost.
 */
export async function updateClaimed(db: Db, row: Pick<OutboxRow, 'id' | 'attempts'>, patch: RowPatch): Promise<boolean> {
  const done = await db
    .update(outbox)
    .set(patch)
    .where(and(eq(outbox.id, row.id), eq(outbox.status, 'sending'), eq(outbox.attempts, row.attempts)))
    .returning({ id: outbox.id });
  return done.length === 1;
}
