import { afterAll, describe, expect, it } from 'vitest';
import { DeliveryGate } from '../../src/wechat/delivery-gate.js';
import type { OutboundMessage } from '../../src/wechat/outbound.js';
import type { StateStore } from '../../src/state/store.js';
import { openSharedRedisStores, openTestStore, STORE_KINDS } from '../helpers/stores.js';

const reply = (content: string): OutboundMessage[] => [{ type: 'text', content }];
const deferred = <T>() => {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

function gate(store: StateStore, late: OutboundMessage[][] = [], budgetMs = 2000) {
  const g = new DeliveryGate(store, { ttlMs: 60_000, budgetMs, pollMs: 5 });
  return {
    deliver: (key: string, compute: () => Promise<OutboundMessage[]>) =>
      g.deliver(key, compute, (m) => {
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
