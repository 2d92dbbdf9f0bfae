import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLocalAdmin } from '../../src/console/index.js';
import { auditLog, staffUsers } from '../../src/db/schema.js';
import { PASSWORD, startConsole, TEST_COST, type ConsoleHarness } from './harness.js';

describe('console accounts', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
    await h.user('admin1', 'admin');
    await h.user('nt-worker', 'community', { communityId: 'nantoucheng' });
    await h.user('locked-one', 'community', { communityId: 'nantoucheng' });
    await h.user('changer', 'street', { streetId: 'nantou' });
  });
  afterAll(() => h.close());

  it('logs in with an HttpOnly, SameSite=Strict session cookie and returns the CSRF token as JSON', async () => {
    const a = await h.fetch('POST', '/api/console/login', { body: { username: 'admin1', password: PASSWORD }, headers: { 'x-forwarded-for': '10.0.0.1' } });
    expect(a.status).toBe(200);
    expect(a.headers.get('content-type')).toMatch(/^application\/json/);
    const cookie = a.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^msw_console=[A-Za-z0-9_-]{43}; Path=\/api\/console; HttpOnly; SameSite=Strict$/);
    expect(a.json.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.json.user).toMatchObject({ username: 'admin1', role: 'admin', can: { audit: true } });
    expect(a.headers.get('cache-control')).toBe('no-store');
  });

  it('without a session everything but login is 401', async () => {
    expect((await h.fetch('GET', '/api/console/me')).status).toBe(401);
    expect((await h.fetch('GET', '/api/console/cases')).status).toBe(401);
    expect((await h.fetch('POST', '/api/console/logout', { body: {} })).status).toBe(401);
    expect((await h.fetch('GET', '/api/console/me', { headers: { cookie: 'msw_console=forged' } })).status).toBe(401);
  });

  it('refuses a state-changing request with a missing or wrong X-CSRF-Token (403), accepts the right one', async () => {
    const c = await h.login('admin1');
    const missing = await c.request('POST', '/api/console/logout', {}, { 'x-csrf-token': '' });
    expect(missing.status).toBe(403);
    expect(missing.json.error).toMatchObject({ code: 'forbidden', reason: 'csrf', message: expect.stringContaining('CSRF') });
    const wrong = await c.request('POST', '/api/console/logout', {}, { 'x-csrf-token': 'A'.repeat(43) });
    expect(wrong.status).toBe(403);
    const me = await c.get('/api/console/me');
    expect(me.status).toBe(200);
    expect(me.json.csrfToken).toBe(c.csrf);
    expect((await c.post('/api/console/logout')).status).toBe(200);
    expect((await c.get('/api/console/me')).status).toBe(401);
  });

  it('refuses a body that is not JSON (no form posts)', async () => {
    const c = await h.login('admin1');
    const a = await c.request('POST', '/api/console/password', 'currentPassword=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(a.status).toBe(415);
  });

  it('after 5 wrong passwords the name waits (no lock): the right password goes through once the wait is over', async () => {
    const ip = { 'x-forwarded-for': '10.0.0.2' };
    for (let i = 0; i < 5; i++) {
      const a = await h.fetch('POST', '/api/console/login', { body: { username: 'locked-one', password: 'wrong-password' }, headers: ip });
      expect(a.status).toBe(401);
    }
    const right = await h.fetch('POST', '/api/console/login', { body: { username: 'locked-one', password: PASSWORD }, headers: ip });
    expect(right.status).toBe(429);
    expect(right.headers.get('retry-after')).toBe('1');
    expect(right.json.error.message).toBe('登录尝试过于频繁，请 1 秒后再试');
    const [row] = await h.db.select().from(staffUsers).where(eq(staffUsers.username, 'locked-one'));
    expect(row).toMatchObject({ failedLogins: 0, lockedUntil: null });
    h.clock.advance(1000);
    const after = await h.fetch('POST', '/api/console/login', { body: { username: 'locked-one', password: PASSWORD }, headers: ip });
    expect(after.status).toBe(200);
    const actions = (await h.db.select().from(auditLog)).filter((r) => r.staffId === row!.id || r.target === 'username:locked-one').map((r) => r.action);
    expect(actions).toEqual(['auth.login_failed', 'auth.login_failed', 'auth.login_failed', 'auth.login_failed', 'auth.login_failed', 'auth.login_throttled', 'auth.login']);
  });

  it('throttles one IP address after 20 failures, whatever the names tried', async () => {
    const ip = { 'x-forwarded-for': '10.0.0.3' };
    for (let i = 0; i < 20; i++) {
      const a = await h.fetch('POST', '/api/console/login', { body: { username: `nobody-${i}`, password: 'guess-guess' }, headers: ip });
      expect(a.status).toBe(401);
    }
    const blocked = await h.fetch('POST', '/api/console/login', { body: { username: 'admin1', password: PASSWORD }, headers: ip });
    expect(blocked.status).toBe(429);
    const other = await h.fetch('POST', '/api/console/login', { body: { username: 'admin1', password: PASSWORD }, headers: { 'x-forwarded-for': '10.0.0.4' } });
    expect(other.status).toBe(200);
    h.clock.advance(15 * 60_000 + 1);
    expect((await h.fetch('POST', '/api/console/login', { body: { username: 'admin1', password: PASSWORD }, headers: ip })).status).toBe(200);
  });

  it('changes a password: current one required, minimum length, other sessions end', async () => {
    const a = await h.login('changer');
    const b = await h.login('changer');
    expect((await a.post('/api/console/password', { currentPassword: 'not-it-at-all', newPassword: 'another-long-one' })).status).toBe(400);
    expect((await a.post('/api/console/password', { currentPassword: PASSWORD, newPassword: 'short' })).status).toBe(400);
    const oldCookie = a.cookie;
    const ok = await a.post('/api/console/password', { currentPassword: PASSWORD, newPassword: 'another-long-one' });
    expect(ok.status).toBe(200);
    expect(a.cookie).not.toBe(oldCookie);
    expect((await a.get('/api/console/me')).status).toBe(200);
    expect((await b.get('/api/console/me')).status).toBe(401);
    expect((await h.fetch('POST', '/api/console/login', { body: { username: 'changer', password: PASSWORD } })).status).toBe(401);
    await h.login('changer', 'another-long-one');
    const [row] = await h.db.select().from(staffUsers).where(eq(staffUsers.username, 'changer'));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('ends a session after 30 idle minutes, and when the account is disabled', async () => {
    const c = await h.login('nt-worker');
    h.clock.advance(29 * 60_000);
    expect((await c.get('/api/console/me')).status).toBe(200);
    h.clock.advance(29 * 60_000);
    expect((await c.get('/api/console/me')).status).toBe(200);
    h.clock.advance(31 * 60_000);
    expect((await c.get('/api/console/me')).status).toBe(401);
    const d = await h.login('nt-worker');
    const admin = await h.login('admin1');
    const [row] = await h.db.select().from(staffUsers).where(eq(staffUsers.username, 'nt-worker'));
    expect((await admin.patch(`/api/console/staff/${row!.id}`, { disabled: true })).status).toBe(200);
    expect((await d.get('/api/console/me')).status).toBe(401);
    const refused = await h.fetch('POST', '/api/console/login', { body: { username: 'nt-worker', password: PASSWORD } });
    expect(refused.status).toBe(403);
  });

  it('only an admin manages staff; the scope must fit the role', async () => {
    const admin = await h.login('admin1');
    const street = await h.login('changer', 'another-long-one');
    expect((await street.post('/api/console/staff', { username: 'x-user', displayName: 'X', password: PASSWORD, role: 'admin' })).status).toBe(403);
    expect((await admin.post('/api/console/staff', { username: 'dep1', displayName: '代表', password: PASSWORD, role: 'deputy' })).status).toBe(400);
    const made = await admin.post('/api/console/staff', { username: 'dep1', displayName: '代表', password: PASSWORD, role: 'deputy', communityId: 'tongle' });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ role: 'deputy', communityId: 'tongle', streetId: null });
    expect(JSON.stringify(made.json)).not.toContain('argon2');
    expect((await admin.post('/api/console/staff', { username: 'dep1', displayName: '代表', password: PASSWORD, role: 'deputy', communityId: 'tongle' })).status).toBe(409);
    const list = await street.get('/api/console/staff');
    expect(list.json.items.map((u: { username: string }) => u.username)).not.toContain('admin1');
  });
});

describe('ensureLocalAdmin', () => {
  it('creates one admin with a random password when there is no staff user, then never again', async () => {
    const h = await startConsole();
    try {
      const first = await ensureLocalAdmin(h.db, TEST_COST);
      expect(first?.username).toBe('admin');
      expect(first!.password.length).toBeGreaterThanOrEqual(16);
      expect(await ensureLocalAdmin(h.db, TEST_COST)).toBeUndefined();
      const c = await h.login('admin', first!.password);
      expect((await c.get('/api/console/me')).json.user.role).toBe('admin');
    } finally {
      await h.close();
    }
  });
});

describe('session cookie over https', () => {
  it('is Secure when the public URL is https', async () => {
    const h = await startConsole('postgres', { config: { publicUrl: 'https://wx.example.gov.cn' } });
    try {
      await h.user('sec', 'admin');
      const a = await h.fetch('POST', '/api/console/login', { body: { username: 'sec', password: PASSWORD } });
      expect(a.headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
    } finally {
      await h.close();
    }
  });
});
