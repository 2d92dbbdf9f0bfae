import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema.js';
import type { DbKind } from '../helpers/db.js';
import { startTestService } from '../helpers/service.js';
import { PASSWORD, startConsole, type Answer, type ConsoleHarness } from './harness.js';

const login = (h: ConsoleHarness, username: string, password: string, xff: string, cookie?: string) =>
  h.fetch('POST', '/api/console/login', { body: { username, password }, headers: { 'x-forwarded-for': xff, ...(cookie ? { cookie } : {}) } });

/** what a client can see of an answer, minus the request id (which differs on every request) */
const visible = (a: Answer) => ({
  status: a.status,
  retryAfter: a.headers.get('retry-after'),
  cookies: a.headers.getSetCookie().map((c) => c.split('=')[0]),
  code: a.json?.error?.code,
  reason: a.json?.error?.reason,
  message: a.json?.error?.message,
});

const auditIps = async (h: ConsoleHarness) =>
  (await h.db.select().from(auditLog)).filter((r) => r.action.startsWith('auth.')).map((r) => (r.after as { ip?: string } | null)?.ip);

describe.each<DbKind>(['postgres', 'pglite'])('behind one trusted proxy (%s)', (kind) => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole(kind);
    await h.user('admin1', 'admin');
  });
  afterAll(() => h.close());

  it('25 failed logins with rotating forged X-Forwarded-For are throttled, and audited under the address the proxy saw', async () => {
    // the client writes any X-Forwarded-For it likes; the proxy appends the address it really came from
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await login(h, `ghost-${i}`, 'guess-guess', `198.51.100.${i}, 203.0.113.7`)).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(5).fill(429));
    // the right password from that address waits too; from another address it goes through
    expect((await login(h, 'admin1', PASSWORD, '198.51.100.99, 203.0.113.7')).status).toBe(429);
    expect((await login(h, 'admin1', PASSWORD, '198.51.100.99, 203.0.113.8')).status).toBe(200);
    const ips = await auditIps(h);
    expect(ips.length).toBe(27);
    expect(ips.filter((ip) => ip === '203.0.113.7').length).toBe(26);
    expect(ips.some((ip) => ip?.startsWith('198.51.100.'))).toBe(false);
  });

  it('hammering one name from rotating addresses is slowed down per name', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await login(h, 'admin1', 'guess-guess', `198.51.100.${i}, 192.0.2.${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual(Array(5).fill(401));
    expect(statuses.slice(5)).toEqual(Array(20).fill(429));
  });
});

describe('behind two trusted proxies', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole('postgres', { proxyHops: 2 });
  });
  afterAll(() => h.close());

  it('takes the client address two entries from the right, never what the client wrote', async () => {
    // client → proxy A (appends the client, 203.0.113.9) → proxy B (appends A, 10.0.0.5) → service
    await login(h, 'nobody', 'guess-guess', '198.51.100.1, 203.0.113.9, 10.0.0.5');
    await login(h, 'nobody', 'guess-guess', '203.0.113.9, 10.0.0.5');
    expect(await auditIps(h)).toEqual(['203.0.113.9', '203.0.113.9']);
  });
});

describe('TRUST_PROXY reaches the service', () => {
  it.each([
    ['2', '203.0.113.9'],
    ['true', '10.0.0.5'],
    ['false', '127.0.0.1'],
  ])('TRUST_PROXY=%s audits a login from %s', async (trust, seen) => {
    const svc = await startTestService({ TRUST_PROXY: trust }, { db: 'postgres' });
    try {
      const res = await fetch(`${svc.url}/api/console/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.1, 203.0.113.9, 10.0.0.5' },
        body: JSON.stringify({ username: 'nobody', password: 'guess-guess' }),
      });
      expect(res.status).toBe(401);
      const rows = await svc.database.db.select().from(auditLog);
      expect(rows.map((r) => (r.after as { ip: string }).ip.replace(/^::ffff:/, ''))).toEqual([seen]);
    } finally {
      await svc.stop();
    }
  }, 60_000);
});

describe('the per-name delay', () => {
  let h: ConsoleHarness;
  let ip = 0;
  /** every attempt from a fresh address, so only the per-name brake is at work */
  const attempt = (username: string, password = 'guess-guess', cookie?: string) => login(h, username, password, `203.0.113.${++ip % 250}, 192.0.2.${ip % 250}`, cookie);
  beforeAll(async () => {
    h = await startConsole('postgres');
    await h.user('real-one', 'community', { communityId: 'nantoucheng' });
    await h.user('waiter', 'community', { communityId: 'nantoucheng' });
    await h.user('victim', 'community', { communityId: 'nantoucheng' });
    await h.user('other', 'community', { communityId: 'nantoucheng' });
  });
  afterAll(() => h.close());

  it('answers an unknown name exactly as a real one, attempt by attempt', async () => {
    const steps: (() => void)[] = [() => {}, () => {}, () => {}, () => {}, () => {}, () => {}, () => h.clock.advance(1000), () => {}, () => h.clock.advance(2000), () => h.clock.advance(60_000)];
    const seen: Record<string, ReturnType<typeof visible>[]> = { 'real-one': [], 'no-such-one': [] };
    for (const step of steps) {
      step();
      for (const name of Object.keys(seen)) seen[name]!.push(visible(await attempt(name)));
    }
    expect(seen['no-such-one']).toEqual(seen['real-one']);
    expect(seen['real-one']!.map((v) => v.status)).toEqual([401, 401, 401, 401, 401, 429, 401, 429, 401, 401]);
    expect(seen['real-one']![5]).toMatchObject({ retryAfter: '1', message: '登录尝试过于频繁，请 1 秒后再试' });
    expect(seen['real-one']![0]!.message).toBe('用户名或密码错误');
  });

  it('grows as 2^k seconds after five failures, is capped at 15 minutes, and never locks the real user out', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt('waiter')).status).toBe(401);
    const waits: number[] = [];
    for (let k = 0; k < 13; k++) {
      const refused = await attempt('waiter');
      expect(refused.status).toBe(429);
      const wait = Number(refused.headers.get('retry-after'));
      waits.push(wait);
      h.clock.advance(wait * 1000 - 1);
      expect((await attempt('waiter')).status).toBe(429);
      h.clock.advance(1);
      expect((await attempt('waiter')).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
    expect((await attempt('waiter', PASSWORD)).status).toBe(429);
    h.clock.advance(900_000);
    expect((await attempt('waiter', PASSWORD)).status).toBe(200);
    // the success cleared the count: five free failures again
    for (let i = 0; i < 5; i++) expect((await attempt('waiter')).status).toBe(401);
  });

  it('lets the real user in from a browser with a device cookie while someone hammers the name', async () => {
    const first = await attempt('victim', PASSWORD);
    expect(first.status).toBe(200);
    const device = first.headers.getSetCookie().find((c) => c.startsWith('msw_device='))!;
    expect(device).toMatch(/^msw_device=[A-Za-z0-9_-]{43}; Path=\/api\/console\/login; Max-Age=7776000; HttpOnly; SameSite=Strict$/);
    const cookie = device.split(';')[0]!;
    for (let i = 0; i < 12; i++) await attempt('victim');
    expect((await attempt('victim', PASSWORD)).status).toBe(429);
    const mine = await attempt('victim', PASSWORD, cookie);
    expect(mine.status).toBe(200);
    // the cookie is renewed on each login; the old one ends
    const renewed = mine.headers.getSetCookie().find((c) => c.startsWith('msw_device='))!.split(';')[0]!;
    expect(renewed).not.toBe(cookie);
    expect((await attempt('victim', PASSWORD, cookie)).status).toBe(429);
    // it names one user: it does not exempt another name
    for (let i = 0; i < 6; i++) await attempt('other');
    expect((await attempt('other', PASSWORD, renewed)).status).toBe(429);
    // and after five wrong passwords through it, it exempts no more
    for (let i = 0; i < 5; i++) expect((await attempt('victim', 'guess-guess', renewed)).status).toBe(401);
    expect((await attempt('victim', PASSWORD, renewed)).status).toBe(429);
  });
});
