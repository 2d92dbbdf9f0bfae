import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { takeHeldUpdates } from '../../src/notify/held.js';
import { quietHoursSchema } from '../../src/notify/schedule.js';
import { STORE_KINDS } from '../helpers/stores.js';
import { accept, fileReport, rowsOf, startPushHarness, templatesDelivered, type PushHarness } from './harness.js';

const TPL = 'message/template/send';
const china = (s: string) => Date.parse(`${s}+08:00`);

describe.each(STORE_KINDS)('the send rate limit (%s store)', (storeKind) => {
  let h: PushHarness;
  beforeAll(async () => {
    h = await startPushHarness('postgres', { store: storeKind });
  });
  afterAll(() => h.close());

  /** the injected clock's second at which the fake WeChat API received each template send */
  let off = () => {};
  afterEach(() => off());
  function secondsOfSends(prefix: string): number[] {
    const seen: number[] = [];
    off = h.fake.recorder.onRecord((r) => {
      if (r.api === TPL && r.openid?.startsWith(prefix)) seen.push(Math.floor(h.clock.now() / 1000));
    });
    return seen;
  }

  it('one worker: at most ratePerSecond sends start in any second', async () => {
    const seconds = secondsOfSends('o-rl1-');
    const followers = Array.from({ length: 22 }, (_, i) => `o-rl1-${i}`);
    await accept(h.db, h.clock, await fileReport(h.db, h.clock, 'o-rl1-author', followers));
    const start = Math.floor(h.clock.now() / 1000);
    await h.worker({ settings: { ratePerSecond: 5, concurrency: 1 } }).drainOnce();
    expect(seconds).toHaveLength(23);
    const perSecond = new Map<number, number>();
    for (const s of seconds) perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    expect([...perSecond.entries()]).toEqual([
      [start, 5],
      [start + 1, 5],
      [start + 2, 5],
      [start + 3, 5],
      [start + 4, 3],
    ]);
  });

  it('two workers share the limit through the store', async () => {
    h.clock.advance(10_000);
    const seconds = secondsOfSends('o-rl2-');
    const followers = Array.from({ length: 29 }, (_, i) => `o-rl2-${i}`);
    await accept(h.db, h.clock, await fileReport(h.db, h.clock, 'o-rl2-author', followers));
    const start = Math.floor(h.clock.now() / 1000);
    const settings = { ratePerSecond: 4, concurrency: 3, batchSize: 5 };
    const [a, b] = [h.worker({ settings }), h.worker({ settings })];
    await Promise.all([a.drainOnce(), b.drainOnce()]);
    expect(a.counts.sent + b.counts.sent).toBe(30);
    expect(seconds).toHaveLength(30);
    // a send is received no earlier than its token was taken, so by the end of each second at
    // most 4 × (seconds so far) sends can have arrived
    const last = Math.max(...seconds);
    for (let s = start; s <= last; s++) expect(seconds.filter((x) => x <= s).length).toBeLessThanOrEqual(4 * (s - start + 1));
    expect(last - start).toBeGreaterThanOrEqual(7); // 30 sends at 4 a second need 8 seconds
  });
});

describe('quiet hours', () => {
  let h: PushHarness;
  const quietHours = quietHoursSchema.parse('22:00-07:00');
  beforeAll(async () => {
    h = await startPushHarness();
  });
  afterAll(() => h.close());

  it('a push due at night is held until 07:00 (China time), or shown earlier if the resident writes', async () => {
    h.clock.set(china('2026-03-04T23:10:00'));
    const a = await fileReport(h.db, h.clock, 'o-q-sleeps');
    const b = await fileReport(h.db, h.clock, 'o-q-awake');
    await accept(h.db, h.clock, a);
    await accept(h.db, h.clock, b);
    const worker = h.worker({ settings: { quietHours } });
    expect(await worker.drainOnce()).toBe(2);
    expect(h.fake.recorder.list({ api: TPL })).toHaveLength(0);
    const [row] = await rowsOf(h.db, 'o-q-sleeps');
    expect(row).toMatchObject({ status: 'pending', lastError: 'quiet_hours' });
    expect(row!.nextAttemptAt.getTime()).toBe(china('2026-03-05T07:00:00'));
    h.clock.set(china('2026-03-05T02:00:00'));
    expect(await worker.drainOnce()).toBe(0);

    // the resident who writes at 02:00 hears of it in the reply
    expect((await takeHeldUpdates(h.db, 'o-q-awake')).map((u) => u.number)).toEqual([b]);

    h.clock.set(china('2026-03-05T07:00:00'));
    await worker.drainOnce();
    expect(templatesDelivered(h.fake, 'o-q-sleeps')).toHaveLength(1);
    expect(h.fake.recorder.list({ openid: 'o-q-awake' })).toHaveLength(0);
  });

  it('a template resend in doubt still goes during quiet hours (it must land inside the de-dup window)', async () => {
    h.clock.set(china('2026-03-05T21:59:50'));
    await accept(h.db, h.clock, await fileReport(h.db, h.clock, 'o-q-doubt'));
    h.fake.faults.inject({ api: TPL, errcode: -1 });
    const worker = h.worker({ settings: { quietHours } });
    await worker.drainOnce();
    const [row] = await rowsOf(h.db, 'o-q-doubt');
    h.clock.set(row!.nextAttemptAt.getTime()); // 22:00:12.5
    await worker.drainOnce();
    expect(templatesDelivered(h.fake, 'o-q-doubt')).toHaveLength(1);
  });
});
