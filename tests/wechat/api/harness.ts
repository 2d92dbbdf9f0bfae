import { randomBytes } from 'node:crypto';
import { createWechatApi, type WechatApi, type WechatApiOptions } from '../../../src/wechat/api/index.js';
import { startFakeWechatServer, type FakeWechatServer } from '../../../src/simulator/fake-api/server.js';
import { RedisStore } from '../../../src/state/redis-store.js';
import type { StateStore } from '../../../src/state/store.js';
import { openTestStore, type StoreKind } from '../../helpers/stores.js';
import { TEST_REDIS_URL } from '../../helpers/servers.js';

export const APP_ID = 'wx0123456789abcdef';
export const APP_SECRET = 'fake-secret-0123456789abcdef';

export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

/** a clock the tests move by hand, shared by the client and the fake API */
export function testClock(start = Date.UTC(2026, 2, 14, 2, 0, 0)): TestClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

/** a store of the given kind whose Redis keys are removed afterwards */
export function openStore(kind: StoreKind): { store: StateStore; cleanup: () => Promise<void> } {
  const prefix = `t:wxapi:${randomBytes(4).toString('hex')}:`;
  const store = openTestStore(kind, prefix);
  return { store, cleanup: () => dropAndClose(store, prefix) };
}

/** two instances on one Redis */
export function openSharedStores(): { stores: [StateStore, StateStore]; cleanup: () => Promise<void> } {
  const prefix = `t:wxapi:${randomBytes(4).toString('hex')}:`;
  const a = new RedisStore(TEST_REDIS_URL, {}, prefix);
  const b = new RedisStore(TEST_REDIS_URL, {}, prefix);
  return { stores: [a, b], cleanup: async () => (await dropAndClose(a, prefix), await b.close()) };
}

async function dropAndClose(store: StateStore, prefix: string): Promise<void> {
  if (store instanceof RedisStore) {
    const found: string[] = [];
    for await (const batch of store.client.scanStream({ match: `${prefix}*`, count: 200 })) found.push(...(batch as string[]));
    if (found.length) await store.client.del(...found);
  }
  await store.close();
}

export interface Harness {
  fake: FakeWechatServer;
  api: WechatApi;
  clock: TestClock;
  /** backoff delays the client asked for, in order (no real waiting) */
  sleeps: number[];
  /** another client (instance) against the same fake */
  client(store: StateStore, extra?: Partial<WechatApiOptions>): WechatApi;
  close(): Promise<void>;
}

export async function startHarness(
  store: StateStore,
  opts: { clock?: TestClock; templateIds?: string[]; client?: Partial<WechatApiOptions> } = {},
): Promise<Harness> {
  const clock = opts.clock ?? testClock();
  const fake = await startFakeWechatServer({ appId: APP_ID, appSecret: APP_SECRET, now: clock.now, ...(opts.templateIds ? { templateIds: opts.templateIds } : {}) });
  const sleeps: number[] = [];
  const client = (s: StateStore, extra: Partial<WechatApiOptions> = {}) =>
    createWechatApi({
      apiBase: fake.url,
      appId: APP_ID,
      appSecret: APP_SECRET,
      store: s,
      now: clock.now,
      timeoutMs: 5000,
      retry: { sleep: async (ms) => void sleeps.push(ms), random: () => 1 },
      ...opts.client,
      ...extra,
    });
  return { fake, api: client(store), clock, sleeps, client, close: () => fake.close() };
}
