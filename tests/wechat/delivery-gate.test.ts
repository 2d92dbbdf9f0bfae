import { afterAll, describe, expect, it } from 'vitest';
import { AlreadyClaimed, DeliveryGate, type GateClaim, type GateCommit } from '../../src/wechat/delivery-gate.js';
import { keys } from '../../src/state/keys.js';
import { lockIncrGet } from '../../src/state/lock.js';
import type { OutboundMessage } from '../../src/wechat/outbound.js';
import type { StateStore } from '../../src/state/store.js';
import { openSharedRedisStores, openTestStore, STORE_KINDS } from '../helpers/stores.js';

/** a delivery of one resident's message */
const sent = (dedupeKey: string) => ({ dedupeKey, openid: 'o-gate' });
const reply = (content: string): OutboundMessage[] => [{ type: 'text', content }];
const deferred = <T>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

function gate(store: StateStore, late: OutboundMessage[][] = [], budgetMs = 2000) {
  const g = new DeliveryGate(store, { ttlMs: 60_000, budgetMs, pollMs: 5 });
  return {
    deliver: (key: string, compute: (commit: GateCommit) => Promise<OutboundMessage[]>) =>
      g.deliver(sent(key), compute, (m) => {
        late.push(m);
      }),
  };
}

describe.each(STORE_KINDS)('delivery gate (%s)', (kind) => {
  const store = openTestStore(kind);
  afterAll(() => store.close());

  it('runs the effect once for three concurrent deliveries and answers all three alike', async () => {
    const g = gate(store);
    let runs = 0;
    const slow = deferred<void>();
    const compute = async () => {
      runs++;
      await slow.promise;
      return reply('已收到');
    };
    const all = Promise.all([g.deliver('k1', compute), g.deliver('k1', compute), g.deliver('k1', compute)]);
    setTimeout(() => slow.resolve(), 30);
    const results = await all;
    expect(runs).toBe(1);
    for (const r of results) expect(r).toMatchObject({ kind: 'answered', messages: reply('已收到') });
    expect(results.filter((r) => r.duplicate)).toHaveLength(2);
  });

  it('answers a repeat delivery after the fact from the cached reply', async () => {
    const g = gate(store);
    let runs = 0;
    const compute = async () => (runs++, reply(`第${runs}次`));
    const a = await g.deliver('k2', compute);
    const b = await g.deliver('k2', compute);
    expect(runs).toBe(1);
    expect(b).toEqual({ kind: 'answered', messages: reply('第1次'), duplicate: true });
    expect(a.duplicate).toBe(false);
  });

  it('defers an answer that misses the budget and hands it to the late sender once', async () => {
    const late: OutboundMessage[][] = [];
    const g = gate(store, late, 40);
    const slow = deferred<void>();
    let runs = 0;
    const compute = async () => {
      runs++;
      await slow.promise;
      return reply('晚到的回答');
    };
    const first = await g.deliver('k3', compute);
    expect(first).toEqual({ kind: 'deferred', duplicate: false });
    const repeat = await g.deliver('k3', compute);
    expect(repeat).toEqual({ kind: 'deferred', duplicate: true });
    slow.resolve();
    await new Promise((r) => setTimeout(r, 20));
    expect(late).toEqual([reply('晚到的回答')]);
    expect(runs).toBe(1);
  });

  it('releases the claim when the work fails, so the next delivery tries again', async () => {
    const g = gate(store);
    let runs = 0;
    const failing = async (): Promise<OutboundMessage[]> => {
      runs++;
      throw new Error('database down');
    };
    await expect(g.deliver('k4', failing)).rejects.toThrow('database down');
    const ok = await g.deliver('k4', async () => (runs++, reply('好了')));
    expect(ok).toEqual({ kind: 'answered', messages: reply('好了'), duplicate: false });
    expect(runs).toBe(2);
  });

  it("commits the compute's own writes together with the answer; a repeat delivery reads that answer", async () => {
    const g = gate(store);
    await store.set('k5:lock', 'me', 5000);
    let runs = 0;
    const compute = async (commit: GateCommit) => {
      runs++;
      const answer = reply('一起写入');
      await commit(answer, [
        { op: 'set', key: 'k5:session', value: 'next question', ttlMs: 5000 },
        { op: 'deleteIfEquals', key: 'k5:lock', expected: 'me' },
      ]);
      return answer;
    };
    expect(await g.deliver('k5', compute)).toEqual({ kind: 'answered', messages: reply('一起写入'), duplicate: false });
    expect(await store.mget(['k5:session', 'k5:lock'])).toEqual(['next question', null]);
    expect(await g.deliver('k5', compute)).toEqual({ kind: 'answered', messages: reply('一起写入'), duplicate: true });
    expect(runs).toBe(1);
  });

  it('after the budget, a commit applies only the writes: the answer goes to the late sender once', async () => {
    const late: OutboundMessage[][] = [];
    const g = gate(store, late, 30);
    const slow = deferred<void>();
    const compute = async (commit: GateCommit) => {
      await slow.promise;
      await commit(reply('迟到'), [{ op: 'set', key: 'k6:session', value: 's' }]);
      return reply('迟到');
    };
    expect(await g.deliver('k6', compute)).toEqual({ kind: 'deferred', duplicate: false });
    slow.resolve();
    await new Promise((r) => setTimeout(r, 30));
    expect(await store.get('k6:session')).toBe('s');
    expect(late).toEqual([reply('迟到')]);
    expect(await g.deliver('k6', compute)).toEqual({ kind: 'deferred', duplicate: true });
  });

  it('an answer already committing when the budget runs out is answered, not made late', async () => {
    const late: OutboundMessage[][] = [];
    const g = gate(store, late, 20);
    const compute = async (commit: GateCommit) => {
      const committing = commit(reply('刚好'), []);
      // the budget passes while the commit is on its way
      await new Promise((r) => setTimeout(r, 40));
      await committing;
      return reply('刚好');
    };
    expect(await g.deliver('k7', compute)).toEqual({ kind: 'answered', messages: reply('刚好'), duplicate: false });
    expect(late).toEqual([]);
  });
});

/**
 * The bot takes the dedupe record in its own lock step (claimedBy 'compute'), as Turn.open does:
 * the record is looked at and set with the resident's lock, never while someone else holds it.
 */
describe.each(STORE_KINDS)('delivery gate, record taken by the compute (%s)', (kind) => {
  const store = openTestStore(kind);
  afterAll(() => store.close());
  const lock = (openid: string) => `lock:{${openid}}`;
  /** a turn: the resident's lock with the record, the work, the lock released */
  const turn =
    (openid: string, work: (commit: GateCommit) => Promise<OutboundMessage[]>) =>
    async (commit: GateCommit, claim?: GateClaim): Promise<OutboundMessage[]> => {
      const got = await lockIncrGet(store, lock(openid), { ttlMs: 5000, waitMs: 3000, retryMs: 5 }, { key: `rate:{${openid}}`, ttlMs: 10_000 }, [], claim);
      if (got === 'claimed') throw new AlreadyClaimed();
      claim?.took();
      try {
        return await work(commit);
      } finally {
        await store.deleteIfEquals(lock(openid), got.token);
      }
    };
  const deliver = (g: DeliveryGate, openid: string, key: string, compute: (commit: GateCommit, claim?: GateClaim) => Promise<OutboundMessage[]>, late: OutboundMessage[][] = []) =>
    g.deliver({ dedupeKey: key, openid }, compute, (m) => void late.push(m), { claimedBy: 'compute' });

  it('runs the effect once for three concurrent deliveries, answers all three alike, and a repeat from the record', async () => {
    const g = new DeliveryGate(store, { ttlMs: 60_000, budgetMs: 2000, pollMs: 5 });
    let runs = 0;
    const slow = deferred<void>();
    const compute = turn('o-c1', async () => {
      runs++;
      await slow.promise;
      return reply('已收到');
    });
    const all = Promise.all([deliver(g, 'o-c1', 'c1', compute), deliver(g, 'o-c1', 'c1', compute), deliver(g, 'o-c1', 'c1', compute)]);
    setTimeout(() => slow.resolve(), 30);
    const results = await all;
    expect(runs).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    for (const r of results) expect(r).toMatchObject({ kind: 'answered', messages: reply('已收到') });
    expect(await deliver(g, 'o-c1', 'c1', compute)).toEqual({ kind: 'answered', messages: reply('已收到'), duplicate: true });
    expect(runs).toBe(1);
  });

  it('a compute that fails after taking the record releases it; one that fails before leaves another delivery\'s record alone', async () => {
    const g = new DeliveryGate(store, { ttlMs: 60_000, budgetMs: 2000, pollMs: 5 });
    await expect(deliver(g, 'o-c2', 'c2', turn('o-c2', async () => Promise.reject(new Error('database down'))))).rejects.toThrow('database down');
    let runs = 0;
    expect(await deliver(g, 'o-c2', 'c2', turn('o-c2', async () => (runs++, reply('好了'))))).toEqual({ kind: 'answered', messages: reply('好了'), duplicate: false });
    expect(runs).toBe(1);
    // Redis away before the lock step: the record (another delivery's answer) stays
    const kept = await store.get(keys.inbound('o-c2', 'c2'));
    await expect(deliver(g, 'o-c2', 'c2', async () => Promise.reject(new Error('redis down')))).rejects.toThrow('redis down');
    expect(await store.get(keys.inbound('o-c2', 'c2'))).toBe(kept);
  });

  it('a delivery still waiting for the resident\'s lock when the budget passes takes the record as late: its answer goes to the late sender once', async () => {
    const g = new DeliveryGate(store, { ttlMs: 60_000, budgetMs: 40, pollMs: 5 });
    const late: OutboundMessage[][] = [];
    // the resident's previous message still holds the lock
    await store.set(lock('o-c3'), 'previous turn', 5000);
    const compute = turn('o-c3', async (commit) => {
      await commit(reply('迟到'), [{ op: 'set', key: 'sess:{o-c3}', value: 's' }]);
      return reply('迟到');
    });
    expect(await deliver(g, 'o-c3', 'c3', compute, late)).toEqual({ kind: 'deferred', duplicate: false });
    expect(await store.get(keys.inbound('o-c3', 'c3'))).toBeNull();
    await store.del(lock('o-c3'));
    for (let i = 0; i < 100 && !late.length; i++) await new Promise((r) => setTimeout(r, 10));
    expect(late).toEqual([reply('迟到')]);
    expect(await store.get('sess:{o-c3}')).toBe('s');
    // WeChat's retry finds the record taken as late: nothing is said twice
    expect(await deliver(g, 'o-c3', 'c3', compute, late)).toEqual({ kind: 'deferred', duplicate: true });
    expect(late).toHaveLength(1);
  });
});

describe('delivery gate across two instances sharing one Redis', () => {
  const [a, b] = openSharedRedisStores();
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('runs once and answers identically on both instances', async () => {
    const ga = gate(a);
    const gb = gate(b);
    let runs = 0;
    const slow = deferred<void>();
    const compute = async () => {
      runs++;
      await slow.promise;
      return reply('只办一次');
    };
    const all = Promise.all([ga.deliver('x', compute), gb.deliver('x', compute), gb.deliver('x', compute)]);
    setTimeout(() => slow.resolve(), 30);
    const results = await all;
    expect(runs).toBe(1);
    expect(new Set(results.map((r) => JSON.stringify(r.kind === 'answered' ? r.messages : null))).size).toBe(1);
    expect(results[0]).toMatchObject({ kind: 'answered' });
  });
});
