import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createLogger } from '../../src/log.js';
import { createRuntime } from '../../src/runtime/create-runtime.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import type { StateStore } from '../../src/state/store.js';
import { DeliveryGate } from '../../src/wechat/delivery-gate.js';
import type { InboundMessage } from '../../src/wechat/inbound.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';
import { openTestDatabase } from '../helpers/db.js';

/** every state-store call is one round trip to Redis (apply is one pipeline) */
function counting(store: StateStore): { store: StateStore; calls: string[] } {
  const calls: string[] = [];
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || prop === 'subscribe' || prop === 'close') return v;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

describe('state-store round trips of one message', () => {
  let database: Database;
  let handler: MessageHandler;
  let gate: DeliveryGate;
  let calls: string[];
  let seq = 0;
  const memory = new MemoryStore();

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const c = counting(memory);
    calls = c.calls;
    const runtime = await createRuntime({
      db: database.db,
      store: c.store,
      logger: createLogger('silent'),
      api: () => undefined,
      mediaDir: '/tmp',
      publicUrl: () => 'http://localhost',
    });
    handler = runtime.handler;
    gate = new DeliveryGate(c.store, { ttlMs: 60_000, budgetMs: 4000 });
  });
  afterAll(async () => {
    await memory.close();
    await database.close();
  });

  const say = async (openid: string, content: string) => {
    const msg = { type: 'text', fromUser: openid, toUser: 'gh_test', createTime: 1_700_000_000, msgId: String(++seq), content } as InboundMessage;
    const key = `msg:${seq}`;
    calls.length = 0;
    const r = await gate.deliver(key, (commit) => handler(msg, { dedupeKey: key, commit }), () => {});
    return { r, calls: [...calls] };
  };

  it('a flow step is three: the claim, the lock with the rate count and the session, and one batch of writes with the answer', async () => {
    const first = await say('oRoundTrips', '报修');
    expect(first.r).toMatchObject({ kind: 'answered' });
    // starting a flow also reads a saved draft
    expect(first.calls).toEqual(['setIfAbsent', 'lockIncrGet', 'get', 'apply']);
    const step = await say('oRoundTrips', '1');
    expect(step.r).toMatchObject({ kind: 'answered' });
    expect(step.calls).toEqual(['setIfAbsent', 'lockIncrGet', 'apply']);
    expect(await memory.get('lock:{oRoundTrips}')).toBeNull();
    expect(await memory.get('sess:{oRoundTrips}')).not.toBeNull();
  });

  it('a repeat delivery is answered from the claim record without running the bot', async () => {
    const msg = { type: 'text', fromUser: 'oRepeat', toUser: 'gh_test', createTime: 1_700_000_000, msgId: 'r1', content: '帮助' } as InboundMessage;
    const once = await gate.deliver('rep', (commit) => handler(msg, { dedupeKey: 'rep', commit }), () => {});
    calls.length = 0;
    const again = await gate.deliver('rep', (commit) => handler(msg, { dedupeKey: 'rep', commit }), () => {});
    expect(again).toEqual({ ...once, duplicate: true });
    expect(calls).toEqual(['setIfAbsent', 'get']);
  });
});
