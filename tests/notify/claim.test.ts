import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema.js';
import { claimDue } from '../../src/notify/outbox-rows.js';
import { accept, fileReport, rowsOf, startPushHarness, type PushHarness } from './harness.js';

describe('claiming due rows', () => {
  let h: PushHarness;
  beforeAll(async () => {
    h = await startPushHarness();
  });
  afterAll(() => h.close());

  it('takes at most `limit` rows, oldest first, and each only once; expired leases and only those are due again', async () => {
    const followers = Array.from({ length: 24 }, (_, i) => `o-cl-${i}`);
    await accept(h.db, h.clock, await fileReport(h.db, h.clock, 'o-cl-author', followers));
    const now = new Date(h.clock.now());
    const lease = 60_000;
    // regression: `id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` was planned as a nested loop
    // that re-ran the subquery and claimed all 25 rows at once
    const a = await claimDue(h.db, { now, limit: 10, leaseMs: lease });
    const b = await claimDue(h.db, { now, limit: 10, leaseMs: lease });
    const c = await claimDue(h.db, { now, limit: 10, leaseMs: lease });
    expect([a.length, b.length, c.length]).toEqual([10, 10, 5]);
    const ids = [...a, ...b, ...c].map((r) => r.id);
    expect(new Set(ids).size).toBe(25);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(a[0]).toMatchObject({ status: 'sending', attempts: 1 });
    expect(a[0]!.lockedUntil!.getTime()).toBe(now.getTime() + lease);
    expect(await claimDue(h.db, { now, limit: 10, leaseMs: lease })).toEqual([]);

    // settled rows are never due; a row waiting for its retry is not due before its time
    await h.db.update(outbox).set({ status: 'sent' }).where(eq(outbox.id, a[0]!.id));
    await h.db.update(outbox).set({ status: 'held' }).where(eq(outbox.id, a[1]!.id));
    await h.db.update(outbox).set({ status: 'dead' }).where(eq(outbox.id, a[2]!.id));
    await h.db.update(outbox).set({ status: 'pending', nextAttemptAt: new Date(now.getTime() + 2 * lease) }).where(eq(outbox.id, a[3]!.id));
    const later = new Date(now.getTime() + lease);
    const again = await claimDue(h.db, { now: later, limit: 100, leaseMs: lease });
    expect(again).toHaveLength(21);
    expect(again.every((r) => r.attempts === 2)).toBe(true);
    expect(again.map((r) => r.id)).not.toContain(a[3]!.id);
    expect((await rowsOf(h.db)).filter((r) => r.status === 'sending')).toHaveLength(21);
  });
});
