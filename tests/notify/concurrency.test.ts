import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from '../../src/state/memory-store.js';
import { accept, fileReport, rowsOf, startPushHarness, templatesDelivered, type PushHarness } from './harness.js';

const TPL = 'message/template/send';
const LEASE = 2 * 60_000;

/** a fetch under which calls of `api` hang like a dead process: before the request leaves, or after */
function dyingFetch(o: { api: string; afterSending: (n: number) => boolean }) {
  let calls = 0;
  const fetchFn: typeof fetch = async (url, init) => {
    if (!String(url).includes(o.api)) return fetch(url, init);
    calls += 1;
    // the process dies before the request leaves, or after WeChat got it but before the answer is read
    if (o.afterSending(calls)) await fetch(url, init);
    return new Promise<Response>(() => {});
  };
  return { fetchFn, calls: () => calls };
}

describe('several workers, crashes and leases', () => {
  let h: PushHarness;
  beforeEach(async () => {
    h = await startPushHarness();
  });
  afterEach(() => h.close());

  /** a case with `n` followers, accepted: n pushes queued */
  async function queue(n: number, prefix: string): Promise<string[]> {
    const followers = Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
    const caseId = await fileReport(h.db, h.clock, `${prefix}-author`, followers);
    await accept(h.db, h.clock, caseId);
    return followers;
  }

  /** another worker process: its own WeChat client and its own in-process store */
  const otherProcess = (fetchFn?: typeof fetch, extra: Parameters<PushHarness['worker']>[0] = {}) =>
    h.worker({ api: h.client({ store: new MemoryStore(h.clock.now), ...(fetchFn ? { fetch: fetchFn } : {}) }), ...extra });

  it('two workers draining the same 200 rows at once deliver each exactly once', async () => {
    const followers = await queue(199, 'o-c2');
    const a = otherProcess(undefined, { settings: { batchSize: 10, concurrency: 4 } });
    const b = otherProcess(undefined, { settings: { batchSize: 10, concurrency: 4 } });
    const [na, nb] = await Promise.all([a.drainOnce(), b.drainOnce()]);
    expect(na + nb).toBe(200);
    expect(a.counts.sent).toBeGreaterThan(0);
    expect(b.counts.sent).toBeGreaterThan(0);
    expect(a.counts.sent + b.counts.sent).toBe(200);
    // not a single repeated call: WeChat's de-dup never had to step in
    const calls = h.fake.recorder.list().filter((r) => r.api.startsWith(TPL));
    expect(calls).toHaveLength(200);
    const perResident = new Map<string, number>();
    for (const c of calls) perResident.set(c.openid!, (perResident.get(c.openid!) ?? 0) + 1);
    expect([...perResident.values()].every((n) => n === 1)).toBe(true);
    expect(perResident.size).toBe(followers.length + 1);
    const rows = await rowsOf(h.db);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('a worker killed mid-delivery: after its lease a new worker finishes, every push delivered exactly once', async () => {
    const followers = await queue(9, 'o-crash');
    const dying = dyingFetch({ api: TPL, afterSending: (n) => n % 2 === 1 });
    void otherProcess(dying.fetchFn, { settings: { concurrency: 10 } }).drainOnce();
    await vi.waitFor(() => expect(dying.calls()).toBe(10));
    // half got out before the "crash"
    await vi.waitFor(() => expect(templatesDelivered(h.fake)).toHaveLength(5));
    expect((await rowsOf(h.db)).every((r) => r.status === 'sending')).toBe(true);

    h.clock.advance(LEASE - 1000);
    const b = otherProcess();
    expect(await b.drainOnce()).toBe(0); // the lease still holds
    h.clock.advance(1000);
    expect(await b.drainOnce()).toBe(10);
    const delivered = templatesDelivered(h.fake);
    expect(delivered).toHaveLength(10);
    expect(new Set(delivered.map((r) => r.openid))).toEqual(new Set([...followers, 'o-crash-author']));
    expect(h.fake.recorder.list({ api: `${TPL}:duplicate` })).toHaveLength(5);
    expect((await rowsOf(h.db)).map((r) => [r.status, r.attempts, r.lastError])).toEqual(Array(10).fill(['sent', 2, null]));
  });

  it('back only after the 10-minute client_msg_id window: sends in doubt are never repeated', async () => {
    await queue(3, 'o-late');
    const dying = dyingFetch({ api: TPL, afterSending: (n) => n <= 2 });
    void otherProcess(dying.fetchFn, { settings: { concurrency: 4 } }).drainOnce();
    await vi.waitFor(() => expect(dying.calls()).toBe(4));
    await vi.waitFor(() => expect(templatesDelivered(h.fake)).toHaveLength(2));
    h.clock.advance(11 * 60_000);
    await otherProcess().drainOnce();
    expect(h.fake.recorder.list().filter((r) => r.api.startsWith(TPL))).toHaveLength(2); // only the dead worker's
    const rows = await rowsOf(h.db);
    expect(rows.every((r) => r.status === 'sent' && r.channel === 'template')).toBe(true);
    expect(rows.every((r) => r.lastError?.startsWith('maybe_sent: template outcome unknown'))).toBe(true);
  });

  it('an interrupted customer-service send is never repeated', async () => {
    const h2 = await startPushHarness('postgres', { templateIds: ['only-other-templates'], clock: h.clock });
    try {
      const caseId = await fileReport(h2.db, h2.clock, 'o-cs-crash');
      h2.fake.api.noteInbound('o-cs-crash', 'message');
      const store = new MemoryStore(h.clock.now);
      const dying = dyingFetch({ api: 'message/custom/send', afterSending: () => true });
      const api = h2.client({ store, fetch: dying.fetchFn });
      await api.quota.noteInbound('o-cs-crash', 'message');
      await accept(h2.db, h2.clock, caseId);
      void h2.worker({ api }).drainOnce();
      await vi.waitFor(() => expect(h2.fake.recorder.list({ api: 'message/custom/send' })).toHaveLength(1)); // after the template's 40037
      h2.clock.advance(LEASE);
      await h2.worker({ api: h2.client({ store }) }).drainOnce();
      expect(h2.fake.recorder.list({ api: 'message/custom/send' })).toHaveLength(1);
      expect((await rowsOf(h2.db))[0]).toMatchObject({ status: 'sent', channel: 'custom', attempts: 2 });
      expect((await rowsOf(h2.db))[0]!.lastError).toMatch(/^maybe_sent: an interrupted customer-service send/);
    } finally {
      await h2.close();
    }
  });

  it('a stalled worker whose lease ran out cannot overwrite its successor', async () => {
    await queue(0, 'o-stall');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowFetch: typeof fetch = async (url, init) => {
      if (String(url).includes(TPL)) await gate;
      return fetch(url, init);
    };
    const a = otherProcess(slowFetch);
    const aDone = a.drainOnce();
    await vi.waitFor(async () => expect((await rowsOf(h.db))[0]!.payload).toHaveProperty('delivery.templateInFlightSince'));
    h.clock.advance(LEASE);
    const b = otherProcess();
    await b.drainOnce();
    release();
    await aDone;
    expect(b.counts.sent).toBe(1);
    expect(a.counts.lost).toBe(1);
    expect((await rowsOf(h.db))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    expect(templatesDelivered(h.fake)).toHaveLength(1);
    expect(h.fake.recorder.list({ api: `${TPL}:duplicate` })).toHaveLength(1);
  });
});
