import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/state/redis-store.js';
import { TcpProxy } from '../faults/tcp-proxy.js';
import { TEST_REDIS_URL } from '../helpers/servers.js';

const until = async (ok: () => boolean | Promise<boolean>, ms: number) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

/**
 * While Redis is away the bot answers 系统繁忙: a command issued then must fail at once, not wait out
 * the 2 s command timeout in ioredis's offline queue; once Redis is back it is served again soon.
 */
describe('the Redis store when its connection drops', () => {
  let proxy: TcpProxy;
  let store: RedisStore;
  const prefix = `outage:${Date.now()}:`;
  beforeAll(async () => {
    const url = new URL(TEST_REDIS_URL);
    proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port || 6379) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    // issued before the first connection: queued, not refused
    store = new RedisStore(url.toString(), {}, prefix);
    await store.set('k', 'v', 60_000);
  });
  afterAll(async () => {
    await store.del('k');
    await store.close();
    await proxy.close();
  });

  it('refuses a command at once while reconnecting, and serves again after Redis returns', async () => {
    proxy.cut();
    await until(() => store.client.status === 'reconnecting', 2000);
    // a while into the outage, when ioredis waits longer between attempts
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = performance.now();
    // refused, not queued until the next attempt fails (or the 2 s command timeout)
    await expect(store.get('k')).rejects.toThrow(/enableOfflineQueue/);
    expect(performance.now() - t0).toBeLessThan(1000);
    proxy.restore();
    await until(async () => (await store.get('k').catch(() => undefined)) === 'v', 3000);
  });
});
