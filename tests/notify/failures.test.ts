import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getResident } from '../../src/civic/residents.js';
import { TEMPLATE_QUOTA_KEY } from '../../src/notify/deliver.js';
import type { FaultSpec } from '../../src/simulator/fake-api/faults.js';
import { accept, customDelivered, fileReport, rowsOf, startPushHarness, templatesDelivered, type PushHarness } from './harness.js';

const TPL = 'message/template/send';

describe('failures, retries and dead letters', () => {
  let h: PushHarness;
  beforeAll(async () => {
    h = await startPushHarness();
  });
  afterAll(() => h.close());

  /** drains, then moves the clock to the row's next attempt, until it leaves 'pending' */
  async function settle(openid: string, max = 40) {
    const worker = h.worker({ settings: { maxFailures: 30 } });
    for (let i = 0; i < max; i++) {
      await worker.drainOnce();
      const [row] = await rowsOf(h.db, openid);
      if (row!.status !== 'pending') return row!;
      h.clock.set(Math.max(h.clock.now(), row!.nextAttemptAt.getTime()));
    }
    throw new Error('did not settle');
  }

  it('43004: the resident is marked unreachable, the push dead without retry, their other pushes dead without a call', async () => {
    const a = await fileReport(h.db, h.clock, 'o-f-unfollowed');
    const b = await fileReport(h.db, h.clock, 'o-f-unfollowed', [], '春景街井盖缺失');
    await accept(h.db, h.clock, a);
    await accept(h.db, h.clock, b);
    h.fake.faults.inject({ api: TPL, errcode: 43004, errmsg: 'require subscribe' });
    await h.worker().drainOnce();
    const rows = await rowsOf(h.db, 'o-f-unfollowed');
    expect(rows.map((r) => [r.status, r.lastError])).toEqual([
      ['dead', 'unreachable: 43004 require subscribe'],
      ['dead', 'unreachable: 43004 require subscribe'],
    ]);
    expect(h.fake.recorder.list({ openid: 'o-f-unfollowed' })).toHaveLength(1);
    expect(await getResident(h.db, 'o-f-unfollowed')).toMatchObject({ unreachableReason: '43004 require subscribe' });
    h.clock.advance(86_400_000);
    await h.worker().drainOnce();
    expect(h.fake.recorder.list({ openid: 'o-f-unfollowed' })).toHaveLength(1);
  });

  it.each<[string, FaultSpec]>([
    ['-1 system busy', { errcode: -1 }],
    ['HTTP 502', { httpStatus: 502 }],
    ['HTTP 503 after WeChat delivered it', { httpStatus: 503, processed: true }],
  ])('%s: retried with exponential backoff and jitter, delivered once after the fault clears', async (_name, fault) => {
    const openid = `o-f-retry-${fault.errcode ?? fault.httpStatus}`;
    const caseId = await fileReport(h.db, h.clock, openid);
    await accept(h.db, h.clock, caseId);
    h.fake.faults.inject({ api: TPL, times: 2, ...fault });
    const start = h.clock.now();
    const worker = h.worker();
    await worker.drainOnce();
    let [row] = await rowsOf(h.db, openid);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.nextAttemptAt.getTime() - start).toBe(22_500); // 30 s × (0.5 + 0.5/2)
    expect(row!.payload).toMatchObject({ delivery: { failures: 1, templateInFlightSince: new Date(start).toISOString() } });
    expect(await worker.drainOnce()).toBe(0); // not due yet
    h.clock.set(row!.nextAttemptAt.getTime());
    await worker.drainOnce();
    [row] = await rowsOf(h.db, openid);
    expect(row!.nextAttemptAt.getTime() - h.clock.now()).toBe(45_000); // doubled
    h.clock.set(row!.nextAttemptAt.getTime());
    await worker.drainOnce();
    [row] = await rowsOf(h.db, openid);
    expect(row).toMatchObject({ status: 'sent', channel: 'template', attempts: 3 });
    expect(templatesDelivered(h.fake, openid)).toHaveLength(1);
    // after WeChat did it, the repeats carry the same client_msg_id and deliver nothing
    expect(h.fake.recorder.list({ openid, api: TPL })).toHaveLength(fault.processed ? 1 : 3);
    expect(h.fake.recorder.list({ openid, api: `${TPL}:duplicate` })).toHaveLength(fault.processed ? 2 : 0);
  });

  it('dead-lettered with the reason after maxFailures', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-f-dead');
    await accept(h.db, h.clock, caseId);
    h.fake.faults.inject({ api: TPL, errcode: -1, times: 3 });
    const worker = h.worker({ settings: { maxFailures: 3 } });
    for (let i = 0; i < 3; i++) {
      await worker.drainOnce();
      const [row] = await rowsOf(h.db, 'o-f-dead');
      h.clock.set(Math.max(h.clock.now(), row!.nextAttemptAt.getTime()));
    }
    const [row] = await rowsOf(h.db, 'o-f-dead');
    expect(row).toMatchObject({ status: 'dead', attempts: 3 });
    expect(row!.lastError).toBe('retries_exhausted after 3 failures (the last send may have been delivered): -1 system error');
  });

  it('a send in doubt is retried only inside the client_msg_id window, then never again (marked sent with a note)', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-f-window');
    await accept(h.db, h.clock, caseId);
    h.fake.faults.inject({ api: TPL, errcode: -1, times: 100 });
    const since = h.clock.now();
    const row = await settle('o-f-window');
    h.fake.faults.clear();
    expect(row).toMatchObject({ status: 'sent', channel: 'template' });
    expect(row.lastError).toMatch(/^maybe_sent: /);
    const calls = h.fake.recorder.list({ openid: 'o-f-window', api: TPL });
    // every call fell inside WeChat's de-dup window (10 min), with a 2 min margin
    for (const c of calls) expect(c.response.errcode).toBe(-1);
    expect(h.clock.now() - since).toBeLessThanOrEqual(8 * 60_000);
    expect(calls.length).toBeGreaterThan(3);
  });

  it('a certain failure (token rejected twice) clears the doubt: a retry an hour later still sends', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-f-token');
    await accept(h.db, h.clock, caseId);
    h.fake.faults.inject({ api: TPL, errcode: 40001, times: 2 });
    await h.worker({ settings: { retryBaseMs: 3600_000 } }).drainOnce();
    const [row] = await rowsOf(h.db, 'o-f-token');
    expect(row).toMatchObject({ status: 'pending' });
    expect((row!.payload as { delivery: object }).delivery).not.toHaveProperty('templateInFlightSince');
    h.clock.set(row!.nextAttemptAt.getTime());
    await h.worker().drainOnce();
    expect((await rowsOf(h.db, 'o-f-token'))[0]).toMatchObject({ status: 'sent', channel: 'template', lastError: null });
    expect(templatesDelivered(h.fake, 'o-f-token')).toHaveLength(1);
  });

  it('45009 (daily template quota): no template until 00:00 China time; customer-service meanwhile where the window is open', async () => {
    const [x, y, z] = ['o-f-quota-x', 'o-f-quota-y', 'o-f-quota-z'];
    h.clock.set(Date.parse('2026-03-10T15:00:00+08:00'));
    h.fake.api.noteInbound(z, 'message');
    await h.api.quota.noteInbound(z, 'message');
    for (const who of [x, y, z]) await accept(h.db, h.clock, await fileReport(h.db, h.clock, who));
    h.fake.faults.inject({ api: TPL, errcode: 45009, errmsg: 'reach max api daily quota limit' });
    // one resident at a time: with more, sends already under way when the first 45009 comes back go ahead
    await h.worker({ settings: { concurrency: 1 } }).drainOnce();
    const midnight = Date.parse('2026-03-11T00:00:00+08:00');
    expect(Number(await h.store.get(TEMPLATE_QUOTA_KEY))).toBe(midnight);
    expect(h.fake.recorder.list({ api: TPL }).filter((r) => [x, y, z].includes(r.openid!))).toHaveLength(1);
    expect(customDelivered(h.fake, z)).toHaveLength(1);
    for (const who of [x, y]) {
      const [row] = await rowsOf(h.db, who);
      expect(row).toMatchObject({ status: 'pending' });
      expect(row!.nextAttemptAt.getTime()).toBe(midnight + 5 * 60_000); // + jitter up to 10 min
    }
    h.clock.set(midnight + 10 * 60_000);
    await h.worker().drainOnce();
    for (const who of [x, y]) expect(templatesDelivered(h.fake, who)).toHaveLength(1);
    expect(templatesDelivered(h.fake, z)).toHaveLength(0);
  });
});
