import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedCommunities } from '../../src/civic/communities.js';
import { openDatabase } from '../../src/db/client.js';
import { startOutboxWorker } from '../../src/notify/start-worker.js';
import { startFakeWechatServer } from '../../src/simulator/fake-api/server.js';
import { RedisStore } from '../../src/state/redis-store.js';
import { createPostgresDatabaseUrl } from '../helpers/db.js';
import { TEST_REDIS_URL } from '../helpers/servers.js';
import { accept, APP_ID, APP_SECRET, fileReport, PUBLIC_URL, rowsOf, startPushHarness, TEMPLATES, templatesDelivered, testClock, type PushHarness } from './harness.js';

describe('startOutboxWorker (in-process loop)', () => {
  let h: PushHarness;
  beforeAll(async () => {
    h = await startPushHarness();
  });
  afterAll(() => h.close());

  const start = (api = h.api) =>
    startOutboxWorker({ db: h.db, api, store: h.store, publicUrl: PUBLIC_URL, templates: TEMPLATES, now: h.clock.now, pollMs: 20, settings: { ratePerSecond: 0 } });

  it('delivers what is queued while it runs, and at once on wake()', async () => {
    const worker = start();
    try {
      await accept(h.db, h.clock, await fileReport(h.db, h.clock, 'o-loop-1'));
      await vi.waitFor(() => expect(templatesDelivered(h.fake, 'o-loop-1')).toHaveLength(1));
      await accept(h.db, h.clock, await fileReport(h.db, h.clock, 'o-loop-2'));
      worker.wake();
      await vi.waitFor(() => expect(templatesDelivered(h.fake, 'o-loop-2')).toHaveLength(1));
    } finally {
      await worker.stop();
    }
  });

  it('stop() claims nothing new and resolves only when the pushes in hand are finished', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // the send is in hand once it has reached WeChat's template API (a claimed row may not have
    // started yet: on a loaded machine stop() can come between the claim and the send, and gives it back)
    let entered!: () => void;
    const sending = new Promise<void>((r) => (entered = r));
    const api = h.client({
      fetch: async (url, init) => {
        if (String(url).includes('template/send')) {
          entered();
          await gate;
        }
        return fetch(url, init);
      },
    });
    await accept(h.db, h.clock, await fileReport(h.db, h.clock, 'o-loop-stop'));
    const worker = start(api);
    await sending;
    expect((await rowsOf(h.db, 'o-loop-stop'))[0]!.status).toBe('sending');
    let stopped = false;
    const stopping = worker.stop().then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect((await rowsOf(h.db, 'o-loop-stop'))[0]).toMatchObject({ status: 'sent', channel: 'template' });
    await accept(h.db, h.clock, await fileReport(h.db, h.clock, 'o-loop-after'));
    expect(await worker.drainOnce()).toBe(0);
    await h.worker().drainOnce();
  });

  it('rows of the batch not yet started at stop() are given back at once, not after their lease', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const api = h.client({
      fetch: async (url, init) => {
        if (String(url).includes('template/send')) await gate;
        return fetch(url, init);
      },
    });
    await accept(h.db, h.clock, await fileReport(h.db, h.clock, 'o-give-author', ['o-give-1', 'o-give-2']));
    const handle = startOutboxWorker({
      db: h.db,
      api,
      store: h.store,
      publicUrl: PUBLIC_URL,
      templates: TEMPLATES,
      now: h.clock.now,
      pollMs: 20,
      settings: { ratePerSecond: 0, concurrency: 1 },
    });
    // one send in hand (the others of the batch wait behind it: concurrency 1); however long a loaded machine takes
    await vi.waitFor(async () => expect((await rowsOf(h.db)).filter((r) => r.openid.startsWith('o-give-') && r.payload.delivery)).toHaveLength(1), { timeout: 15_000 });
    const stopping = handle.stop();
    release();
    await stopping;
    expect(handle.worker.counts).toMatchObject({ sent: 1, released: 2 });
    const rows = (await rowsOf(h.db)).filter((r) => r.openid.startsWith('o-give-'));
    expect(rows.map((r) => r.status).sort()).toEqual(['pending', 'pending', 'sent']);
    expect(await h.worker().drainOnce()).toBe(2); // same clock: no lease to wait for
    expect(templatesDelivered(h.fake).filter((r) => r.openid!.startsWith('o-give-'))).toHaveLength(3);
  });
});

/** the worker process writes unprefixed keys: it gets a Redis database of its own, emptied afterwards */
const REDIS_URL = `${TEST_REDIS_URL.replace(/\/\d*$/, '')}/9`;
async function dropRedisDb() {
  const store = new RedisStore(REDIS_URL);
  try {
    await store.client.flushdb();
  } finally {
    await store.close();
  }
}

describe('npm run worker', () => {
  it('delivers the outbox of a shared PostgreSQL through Redis, and exits cleanly on SIGTERM', async () => {
    const pg = await createPostgresDatabaseUrl();
    const fake = await startFakeWechatServer({ appId: APP_ID, appSecret: APP_SECRET });
    const database = await openDatabase({ url: pg.url, dataDir: 'memory://' });
    try {
      await database.migrate();
      await seedCommunities(database.db);
      const clock = testClock(Date.now());
      await accept(database.db, clock, await fileReport(database.db, clock, 'o-proc-1', ['o-proc-2']));
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATABASE_URL: pg.url,
        REDIS_URL: REDIS_URL,
        WECHAT_APP_ID: APP_ID,
        WECHAT_APP_SECRET: APP_SECRET,
        WECHAT_TOKEN: 'workertoken1',
        WECHAT_API_BASE: fake.url,
        PUBLIC_URL,
        LOG_LEVEL: 'silent',
        PUSH_POLL_MS: '50',
      };
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], { env, stdio: 'ignore' });
      try {
        await vi.waitFor(() => expect(templatesDelivered(fake)).toHaveLength(2), { timeout: 30_000, interval: 100 });
      } finally {
        child.kill('SIGTERM');
      }
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect((await rowsOf(database.db)).map((r) => r.status)).toEqual(['sent', 'sent']);
      expect(templatesDelivered(fake).map((r) => (r.body as { url: string }).url)).toEqual([
        expect.stringMatching(new RegExp(`^${PUBLIC_URL}/c/\\d+$`)),
        expect.stringMatching(new RegExp(`^${PUBLIC_URL}/c/\\d+$`)),
      ]);
    } finally {
      await database.close();
      await fake.close();
      await pg.drop();
      await dropRedisDb();
    }
  });

  it('refuses to start without the shared servers', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET, WECHAT_TOKEN: 'workertoken1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('DATABASE_URL');
    expect(stderr).toContain('REDIS_URL');
  });
});
