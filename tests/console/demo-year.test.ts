import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCommunities } from '../../src/civic/communities.js';
import { loadDemoYearFile, planDemoYear, seedDemoYear } from '../../src/civic/demo-year.js';
import { loadConfig } from '../../src/config/config.js';
import { caseFunding, cases, evaluations } from '../../src/db/schema.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * 示例数据 (DEMO_DATA=1 in local mode): a Kuichong-sized year, the seeds' figures exactly — 215
 * collected, 第一批 58 + 第二批 61 = 119 implemented for 18,185,800 元, 第一批 = 39 engineering for
 * 7,696,100 元 + 19 others for 2,096,000 元 — with a spread of statuses, themes, social money and
 * ratings; the same every time; written once.
 */
describe('the demo year', () => {
  let h: ConsoleHarness;
  let c: Client;
  const yuan = (y: number) => y * 100;

  beforeAll(async () => {
    h = await startConsole();
    await h.user('admin', 'admin');
    c = await h.login('admin');
  });
  afterAll(() => h.close());

  it('is the same plan every time', async () => {
    const file = loadDemoYearFile();
    const communities = await listCommunities(h.db, 'kuichong');
    const a = planDemoYear(file, { year: 2026, now: h.clock.now(), communities });
    const b = planDemoYear(file, { year: 2026, now: h.clock.now(), communities });
    expect(a).toEqual(b);
    expect(a.cases).toHaveLength(215);
    // every date inside the year so far
    for (const x of a.cases) for (const d of [x.createdAt, x.resolvedAt, x.publicityStart]) if (d) expect(d.getTime()).toBeLessThanOrEqual(h.clock.now().getTime());
  });

  it("writes the seeds' Kuichong year once, in one go, and the 报表 shows its figures", async () => {
    const t0 = Date.now();
    expect(await seedDemoYear(h.db, { now: h.clock.now() })).toEqual({ seeded: 215 });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await seedDemoYear(h.db, { now: h.clock.now() })).toEqual({ seeded: 0 });

    const a = await c.get('/api/console/figures?streetId=kuichong&groupBy=batch&per=street');
    expect(a.status).toBe(200);
    expect(a.json.year).toBe(2026);
    expect(a.json.totals).toMatchObject({ collected: 215, confirmed: 119, implemented: 119, approved: yuan(18_185_800) });
    expect(a.json.rows.map((r: any) => [r.group, r.implemented])).toEqual([
      ['第一批', 58],
      ['第二批', 61],
      [null, 0],
    ]);
    const firstEngineering = await h.db
      .select({ n: sql<number>`count(*)::int`, money: sql<string>`sum(approved_cost)::text` })
      .from(cases)
      .where(and(eq(cases.batch, '第一批'), eq(cases.projectType, '工程类')));
    expect([firstEngineering[0]!.n, Number(firstEngineering[0]!.money)]).toEqual([39, yuan(7_696_100)]);

    // a spread: every status of the year, every type, several themes, social money, ratings, paid ≤ approved
    const t = a.json.totals;
    expect(t.completed).toBe(77);
    expect(t.social).toBeGreaterThan(0);
    expect(t.government + t.social).toBe(yuan(18_185_800));
    expect(t.paid).toBeLessThanOrEqual(t.approved);
    expect(t.rated).toBeGreaterThan(0);
    const statuses = await h.db.select({ s: cases.status, n: sql<number>`count(*)::int` }).from(cases).groupBy(cases.status);
    expect(Object.fromEntries(statuses.map((s) => [s.s, s.n]))).toEqual({ evaluated: 28, completed: 49, implementing: 42, reserve: 40, declined: 36, reviewing: 12, collected: 8 });
    const themes = await c.get('/api/console/figures?streetId=kuichong&groupBy=theme&per=street');
    expect(themes.json.rows.length).toBeGreaterThan(5);
    expect((await h.db.select().from(caseFunding)).length).toBeGreaterThan(119);
    expect((await h.db.select().from(evaluations)).length).toBe(t.rated);
  });

  it('only in local mode: an official account ignores DEMO_DATA', () => {
    expect(loadConfig({ DEMO_DATA: '1', DATA_DIR: '/tmp/demo-year-test' }).demoData).toBe(true);
    expect(loadConfig({ DEMO_DATA: '1', WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_TOKEN: 'abc123', WECHAT_APP_SECRET: 's' }).demoData).toBe(false);
    expect(loadConfig({ DATA_DIR: '/tmp/demo-year-test' }).demoData).toBe(false);
  });
});
