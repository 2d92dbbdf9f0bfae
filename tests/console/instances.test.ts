import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSharedRedisStores } from '../helpers/stores.js';
import { PASSWORD, startConsole, type ConsoleHarness } from './harness.js';

/** two instances of the service on one database and one Redis: a session is good on both */
describe('console sessions across instances (Redis)', () => {
  let one: ConsoleHarness;
  let two: ConsoleHarness;
  beforeAll(async () => {
    const [s1, s2] = openSharedRedisStores();
    one = await startConsole('postgres', { store: s1 });
    two = await startConsole('postgres', { store: s2, database: one.database });
    await one.user('shared', 'admin');
  });
  afterAll(async () => {
    await two.close();
    await one.close();
  });

  it('logs in on one instance, works on the other, and logs out everywhere', async () => {
    const c = await one.login('shared');
    const me = await two.fetch('GET', '/api/console/me', { headers: { cookie: c.cookie } });
    expect(me.status).toBe(200);
    expect(me.json.csrfToken).toBe(c.csrf);
    const out = await two.fetch('POST', '/api/console/logout', { body: {}, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await one.fetch('GET', '/api/console/me', { headers: { cookie: c.cookie } })).status).toBe(401);
  });

  it('counts failed logins of one IP address on every instance', async () => {
    const ip = { 'x-forwarded-for': '10.9.9.9' };
    for (let i = 0; i < 20; i++) {
      const h = i % 2 ? one : two;
      expect((await h.fetch('POST', '/api/console/login', { body: { username: `ghost${i}`, password: 'xx-xx-xx-xx' }, headers: ip })).status).toBe(401);
    }
    expect((await one.fetch('POST', '/api/console/login', { body: { username: 'shared', password: PASSWORD }, headers: ip })).status).toBe(429);
  });
});
