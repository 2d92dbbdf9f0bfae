import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pushPlacement } from '../../src/config/push-placement.js';
import { createStaffUser } from '../../src/console/staff.js';
import { outbox } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { startFakeWechatServer, type FakeWechatServer } from '../../src/simulator/fake-api/server.js';
import { startTestService } from '../helpers/service.js';
import { TEST_REDIS_URL } from '../helpers/servers.js';
import { APP_ID, APP_SECRET, fileReport, templatesDelivered, testClock } from './harness.js';

const PASSWORD = 'correct-horse-battery';

describe('where pushes run follows from the configuration (PUSH_WORKER)', () => {
  const pg = 'postgres://127.0.0.1/x';
  const redis = 'redis://127.0.0.1';
  it.each([
    ['local, embedded', { mode: 'local', pushWorker: 'auto' }, 'this process'],
    ['production, embedded database: nothing else can open it', { mode: 'production', pushWorker: 'auto' }, 'this process'],
    ['production, PostgreSQL without Redis', { mode: 'production', databaseUrl: pg, pushWorker: 'auto' }, 'this process'],
    ['production, PostgreSQL and Redis', { mode: 'production', databaseUrl: pg, redisUrl: redis, pushWorker: 'auto' }, 'npm run worker'],
    ['local on the shared servers: the simulator is here', { mode: 'local', databaseUrl: pg, redisUrl: redis, pushWorker: 'auto' }, 'this process'],
    ['on: a single box on the shared servers', { mode: 'production', databaseUrl: pg, redisUrl: redis, pushWorker: 'on' }, 'this process'],
    ['off on the shared servers', { mode: 'production', databaseUrl: pg, redisUrl: redis, pushWorker: 'off' }, 'npm run worker'],
    ['off on the embedded database: nobody', { mode: 'production', pushWorker: 'off' }, 'nowhere'],
  ] as const)('%s → pushes in %s', (_name, config, where) => {
    expect(pushPlacement(config).where).toBe(where);
    expect(pushPlacement(config).inProcess).toBe(where === 'this process');
  });
});

/**
 * Issue 17, item 1: a street office with its real AppID running `npm start` on one machine
 * (embedded PGlite, no Redis) got no status push at all. Here the same shape, with the project's
 * fake WeChat API as WeChat: accepted, started and resolved through the console reach the resident 3 of 3.
 */
describe('the single-box production shape pushes', () => {
  let fake: FakeWechatServer;
  let svc: Service;
  let cookie = '';
  let csrf = '';

  beforeAll(async () => {
    fake = await startFakeWechatServer({ appId: APP_ID, appSecret: APP_SECRET });
    svc = await startTestService({ WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET, WECHAT_TOKEN: 'singlebox1', WECHAT_API_BASE: fake.url, PUBLIC_URL: 'https://wx.example.gov.cn' });
    await createStaffUser(svc.database.db, { username: 'nt', displayName: '南头城社工', password: PASSWORD, role: 'community', communityId: 'nantoucheng' }, { memoryCost: 1024, timeCost: 1 });
    const login = await fetch(`${svc.url}/api/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nt', password: PASSWORD }) });
    expect(login.status).toBe(200);
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  });
  afterAll(async () => {
    await svc?.stop();
    await fake?.close();
  });

  const move = async (id: number, body: object) => {
    const r = await fetch(`${svc.url}/api/console/cases/${id}/transition`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf }, body: JSON.stringify(body) });
    expect(r.status, await r.clone().text()).toBe(200);
  };

  it('runs the push worker in the web process, says so, and delivers every status push', async () => {
    expect(svc.config.mode).toBe('production');
    expect(svc.database.kind).toBe('pglite');
    expect(svc.push).toBeDefined();
    const id = await fileReport(svc.database.db, testClock(Date.now()), 'o-single-box');
    await move(id, { to: 'accepted', data: { assignee: '南头城电工班' }, publicNote: '已派电工' });
    await move(id, { to: 'in_progress' });
    await move(id, { to: 'resolved', publicNote: '已更换灯泡' });
    await vi.waitFor(() => expect(templatesDelivered(fake, 'o-single-box')).toHaveLength(3), { timeout: 20_000, interval: 100 });
    const ready = await fetch(`${svc.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { status: string }).status).toBe('ready');
  });
});

describe('/readyz reports an outbox nobody drains', () => {
  let svc: Service;
  beforeAll(async () => {
    // PostgreSQL and Redis, production: pushes belong to npm run worker, which is not running here
    svc = await startTestService({ WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: APP_SECRET, WECHAT_TOKEN: 'singlebox2', WECHAT_API_BASE: 'http://127.0.0.1:9', REDIS_URL: TEST_REDIS_URL, PUSH_STALE_MINUTES: '10' }, { db: 'postgres', storePrefix: `sb:${Date.now()}:` });
  });
  afterAll(() => svc?.stop());

  it('ready while nothing waits; degraded (still 200: the webhook stays in the balancer) once a push waits past PUSH_STALE_MINUTES', async () => {
    expect(svc.push).toBeUndefined();
    const before = await fetch(`${svc.url}/readyz`);
    expect([before.status, ((await before.json()) as { status: string }).status]).toEqual([200, 'ready']);
    await svc.database.db.insert(outbox).values({
      openid: 'o-waiting',
      kind: 'status',
      payload: {},
      idempotencyKey: `stale-${Date.now()}`,
      nextAttemptAt: new Date(Date.now() - 11 * 60_000),
    });
    const after = await fetch(`${svc.url}/readyz`);
    const body = (await after.json()) as { status: string; checks: { name: string; ok: boolean; error?: string }[] };
    expect(after.status).toBe(200);
    expect(body.status).toBe('degraded');
    expect(body.checks.find((c) => c.name === 'pushes')).toMatchObject({ ok: false, error: expect.stringMatching(/^1 push due since .*npm run worker/) });
  });
});
