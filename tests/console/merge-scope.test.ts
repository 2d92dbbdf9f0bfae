import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseEvents, cases } from '../../src/db/schema.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * Issue 13, item 1: a move that touches a second case (已合并 into another) is checked on both, in
 * the transition itself, whichever route reaches it. Reproduced: community staff merged their case
 * into another community's with POST /cases/13/transition {"to":"duplicate","data":{"duplicateOf":3}}
 * (200) and with /cases/bulk-transition, while /merge answered 403.
 */
describe.each(['postgres', 'pglite'] as const)('a merge is checked on the case it points at (%s)', (kind) => {
  let h: ConsoleHarness;
  let nt: Client; // community staff of 南头城
  let st: Client; // street staff of 南头 (南头城 is theirs, 龙珠 is 桃源's)
  let mine: number;
  let theirs: number;

  beforeAll(async () => {
    h = await startConsole(kind);
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    await h.user('st', 'street', { streetId: 'nantou' });
    [nt, st] = (await Promise.all(['nt', 'st'].map((u) => h.login(u)))) as [Client, Client];
  });
  afterAll(() => h.close());

  const untouched = async () => {
    const [a] = await h.db.select().from(cases).where(eq(cases.id, mine));
    expect(a).toMatchObject({ status: 'submitted', duplicateOf: null });
    expect(await h.db.select().from(caseEvents).where(eq(caseEvents.caseId, theirs))).toHaveLength(1);
  };

  it.each([
    ['transition', (c: Client) => c.post(`/api/console/cases/${mine}/transition`, { to: 'duplicate', data: { duplicateOf: theirs } })],
    ['merge', (c: Client) => c.post(`/api/console/cases/${mine}/merge`, { duplicateOf: theirs })],
  ])('POST /cases/:id/%s into another community’s case: 403, nothing written', async (_route, send) => {
    mine = await h.report({ communityId: 'nantoucheng' });
    theirs = await h.report({ communityId: 'longzhu' });
    for (const who of [nt, st]) {
      const r = await send(who);
      expect(r.status).toBe(403);
      expect(r.json.error.message).toContain('其他社区');
    }
    await untouched();
  });

  it('POST /cases/bulk-transition into another community’s case: refused per case with 403, nothing written', async () => {
    mine = await h.report({ communityId: 'nantoucheng' });
    theirs = await h.report({ communityId: 'longzhu' });
    for (const who of [nt, st]) {
      const r = await who.post('/api/console/cases/bulk-transition', { ids: [mine], to: 'duplicate', data: { duplicateOf: theirs } });
      expect(r.status).toBe(200);
      expect(r.json).toMatchObject({ succeeded: 0, failed: 1, results: [{ id: mine, ok: false, error: { status: 403 } }] });
    }
    await untouched();
  });

  it('a merge within scope still works, on every route', async () => {
    const target = await h.report({ communityId: 'nantoucheng' });
    const a = await h.report({ communityId: 'nantoucheng' });
    const b = await h.report({ communityId: 'nantoucheng' });
    const c = await h.report({ communityId: 'nantoucheng' });
    expect((await nt.post(`/api/console/cases/${a}/transition`, { to: 'duplicate', data: { duplicateOf: target } })).status).toBe(200);
    expect((await st.post(`/api/console/cases/${b}/merge`, { duplicateOf: target })).status).toBe(200);
    const bulk = await nt.post('/api/console/cases/bulk-transition', { ids: [c], to: 'duplicate', data: { duplicateOf: target } });
    expect(bulk.json).toMatchObject({ succeeded: 1 });
    const rows = await h.db.select({ id: cases.id, duplicateOf: cases.duplicateOf }).from(cases).where(eq(cases.duplicateOf, target));
    expect(rows.map((r) => r.id).sort()).toEqual([a, b, c].sort());
  });
});
