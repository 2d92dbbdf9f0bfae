import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, type MapSettings } from '../../src/console/contract.js';
import { startConsole, type ConsoleHarness } from './harness.js';

const MAP: MapSettings = {
  tiles: 'https://webrd0{s}.is.autonavi.com/appmaptile?style=8&x={x}&y={y}&z={z}',
  subdomains: ['1', '2', '3', '4'],
  attribution: '© 高德地图 <b>不是标记</b>',
  coords: 'gcj02',
};

/** the session answer (login, /me, a password change) carries the map's tile source only when one is configured */
describe('the map settings in the session answer', () => {
  let withMap: ConsoleHarness;
  let without: ConsoleHarness;
  beforeAll(async () => {
    withMap = await startConsole('postgres', { config: { map: MAP } });
    // a second instance on the same database, without a tile source
    without = await startConsole('postgres', { database: withMap.database });
    await withMap.user('mapper', 'community', { communityId: 'nantoucheng' });
    await withMap.user('plain', 'community', { communityId: 'nantoucheng' });
  });
  afterAll(async () => {
    await without?.close();
    await withMap?.close();
  });

  it('configured: login and /me answer with it, as the operator wrote it', async () => {
    const login = await withMap.fetch('POST', '/api/console/login', { body: { username: 'mapper', password: 'correct-horse-battery' } });
    expect(login.status).toBe(200);
    expect(login.json.map).toEqual(MAP);
    expect(routes.login.response.safeParse(login.json).success).toBe(true);
    const c = await withMap.login('mapper');
    const me = await c.get('/api/console/me');
    expect(me.json.map).toEqual(MAP);
    expect(routes.me.response.safeParse(me.json).success).toBe(true);
    const changed = await c.post('/api/console/password', { currentPassword: 'correct-horse-battery', newPassword: 'another-long-password' });
    expect(changed.status).toBe(200);
    expect(changed.json.map).toEqual(MAP);
  });

  it('not configured: no map key at all', async () => {
    const c = await without.login('plain');
    for (const a of [await c.get('/api/console/me'), await without.fetch('POST', '/api/console/login', { body: { username: 'plain', password: 'correct-horse-battery' } })]) {
      expect(a.status).toBe(200);
      expect(a.json).not.toHaveProperty('map');
      expect(routes.me.response.safeParse(a.json).success).toBe(true);
    }
  });
});
