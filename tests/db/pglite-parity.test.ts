import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as civic from '../../src/civic/index.js';
import type { Db } from '../../src/db/client.js';
import * as schema from '../../src/db/schema.js';
import { takeHeldUpdates } from '../../src/notify/held.js';
import { recordTemplateResult } from '../../src/notify/template-result.js';
import { requestHandoff } from '../../src/runtime/handoff.js';
import { days, report, T0 } from '../civic/fixtures.js';
import { startConsole, type Client, type ConsoleHarness } from '../console/harness.js';
import type { DbKind } from '../helpers/db.js';
import { startPushHarness, templatesDelivered, type PushHarness } from '../notify/harness.js';
import { seedShowcase, startPages, type PagesServer, type Showcase } from '../public/fixtures.js';

/**
 * PGlite parity. Domain tests run on PostgreSQL only; the embedded database (`npm start` without
 * DATABASE_URL) speaks the same SQL dialect, so what could differ is how PGlite executes the query
 * shapes the service uses. One scenario runs once on each, with the same clock and the same inputs:
 * residents' reports and projects through every status (showcase), the staff console (lists with
 * every filter, search, sort and page, detail, deadlines, dashboard, CSV and XLSX exports, transitions,
 * bulk moves, merge, transfer, notes, milestones, photo review, the inbox, keyword replies, staff,
 * audit, the menu), the push outbox (claim, template sends, customer-service fallback, template
 * results), civic lookups (stats, publicised projects, nearby reports, a resident's cases,
 * subscriptions), a wish through its claims and money, and the public pages. Every answer on PGlite must equal PostgreSQL's, and so must
 * every table afterwards. The embedded end-to-end tests (runtime/bot, runtime/follow-up) run the
 * resident's side of the service on PGlite as well.
 */
type Transcript = Map<string, unknown>;

/** answers that differ between any two runs on the same database, whatever the database */
const RANDOM_KEYS = new Set(['csrfToken', 'requestId', 'access_token']);
/** columns filled at random or by the database's own clock, not by the scenario's */
const VOLATILE_COLUMNS: Record<string, string[]> = { cases: ['sourceKey'], staff_users: ['passwordHash', 'createdAt'] };

function plain(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => !RANDOM_KEYS.has(k)).map(([k, x]) => [k, plain(x)]));
  return v;
}

interface World {
  push: PushHarness;
  con: ConsoleHarness;
  pages: PagesServer;
  db: Db;
  at(t: Date): void;
  close(): Promise<void>;
}

async function openWorld(kind: DbKind): Promise<World> {
  const push = await startPushHarness(kind);
  const con = await startConsole(kind, { wechat: true, database: push.database, store: push.store });
  let now = T0;
  const pages = await startPages({ db: push.db, mediaDir: con.mediaDir, now: () => now });
  return {
    push,
    con,
    pages,
    db: push.db,
    at(t) {
      now = t;
      con.clock.set(t.getTime());
      push.clock.set(t.getTime());
    },
    async close() {
      await pages.close();
      await con.close();
      await push.close();
    },
  };
}

async function scenario(kind: DbKind): Promise<Transcript> {
  const out: Transcript = new Map();
  const w = await openWorld(kind);
  const record = async (step: string, f: () => Promise<unknown>) => {
    let name = step;
    for (let n = 2; out.has(name); n++) name = `${step} (${n})`;
    try {
      out.set(name, plain(await f()));
    } catch (e) {
      out.set(name, { threw: (e as { code?: string }).code ?? String(e) });
    }
  };
  try {
    const { db, con } = w;
    // —— residents' cases, moved through every status by the domain functions
    const show: Showcase = await seedShowcase(db, con.mediaDir);
    out.set('showcase', show);
    const dup = await report(db, { openid: 'o-parity-dup', sourceKey: 'parity:dup', description: '中山南街路灯坏了', location: { lat: 22.5432, lng: 113.9237, label: '中山南街' } }, days(3));
    const other = await report(db, { openid: 'o-parity-other', sourceKey: 'parity:other', category: 'drainage', description: '龙珠大道井盖缺失 100%_', communityId: 'longzhu' }, days(4));
    await record('nearby open reports', () =>
      civic.findNearbyOpenReports(db, { category: 'streetlight', lat: 22.5431, lng: 113.9236, now: days(5), radiusMeters: 500, withinDays: 30 }),
    );
    await record('a resident’s cases', () => civic.listResidentCases(db, 'o-showcase-author'));
    await record('community stats', () => civic.communityStats(db, { communityId: 'shabaishi', year: 2026 }));
    await record('street stats', () => civic.communityStats(db, { streetId: 'nantou', year: 2026 }));
    await record('publicised projects', () => civic.listPublicised(db, 'shabaishi', days(12)));
    await record('public case', () => civic.getCasePublic(db, show.projects.completed));
    await record('project rating', () => civic.projectRating(db, show.projects.completed));
    await record('subscribe community', async () => [
      await civic.subscribeCommunity(db, 'shabaishi', 'o-parity-dup', days(5)),
      await civic.subscribeCommunity(db, 'shabaishi', 'o-parity-dup', days(5)),
      await civic.listCommunitySubscribers(db, 'shabaishi'),
      await civic.listResidentCommunitySubscriptions(db, 'o-parity-dup'),
    ]);
    await record('follow a case', async () => [await civic.subscribeCase(db, show.report, 'o-parity-other', days(5)), await civic.listSubscribers(db, show.report)]);
    await record('supporter counts', async () => [...(await civic.supporterCounts(db, [show.report, dup, other]))]);
    await record('communities', async () => [await civic.listCommunities(db, 'nantou'), await civic.matchCommunities(db, '南头城')]);

    // —— the staff console
    w.at(days(12));
    await con.user('root', 'admin');
    await con.user('st', 'street', { streetId: 'nantou' });
    await con.user('nt', 'community', { communityId: 'nantoucheng' });
    await record('console: a wrong password', async () => answerOf(await con.fetch('POST', '/api/console/login', { body: { username: 'st', password: 'not-the-password' } })));
    const root: Client = await con.login('root');
    const nt: Client = await con.login('nt');
    const get = (c: Client, p: string) => record(`GET ${p}${c === nt ? ' (community staff)' : ''}`, async () => answerOf(await c.get(`/api/console${p}`)));
    const send = (c: Client, method: string, p: string, body: unknown) =>
      record(`${method} ${p} ${JSON.stringify(body)}`, async () => answerOf(await c.request(method, `/api/console${p}`, body)));

    for (const q of [
      '',
      '?kind=report',
      '?kind=proposal&sort=status&order=asc',
      '?status=reviewing,approved,publicised',
      '?communityId=shabaishi&sort=updatedAt',
      '?streetId=nantou&sort=dueAt&order=asc',
      '?category=streetlight',
      '?overdue=1',
      '?photosPending=1',
      '?from=2026-03-01&to=2026-03-05',
      `?q=${encodeURIComponent('路灯')}`,
      `?q=${encodeURIComponent('100%_')}`,
      '?page=2&pageSize=3&sort=id&order=asc',
    ])
      await get(root, `/cases${q}`);
    await get(nt, '/cases');
    for (const id of [show.report, dup, ...Object.values(show.projects)]) await get(root, `/cases/${id}`);
    await get(root, '/deadlines');
    await get(root, '/deadlines?streetId=nantou&hours=2');
    await get(root, '/dashboard');
    await get(root, '/dashboard?from=2026-03-01&to=2026-03-10&streetId=nantou');
    await get(nt, '/dashboard');
    await get(root, '/scope');
    await get(nt, '/scope');
    await get(root, '/lifecycles');
    await record('GET /cases/export.csv', async () => (await root.get('/api/console/cases/export.csv')).text);
    await record('GET /cases/export.xlsx?kind=proposal', async () => xlsxRows((await root.get('/api/console/cases/export.xlsx?kind=proposal')).body));

    await send(nt, 'POST', `/cases/${dup}/merge`, { duplicateOf: show.report, publicNote: '与 #1 是同一处路灯' });
    await send(nt, 'POST', `/cases/${show.report}/assign`, { assignee: '网格员小王' });
    await send(nt, 'POST', `/cases/${show.report}/notes`, { internalNote: '已电话联系居民', publicNote: '灯头已到货' });
    await send(nt, 'POST', `/cases/${show.report}/transfer`, { department: '区城管局', internalNote: '属于市政' });
    await send(nt, 'POST', `/cases/${show.report}/transition`, { to: 'resolved', from: 'in_progress', publicNote: '已更换灯头' });
    // refused: the case has moved on since the user looked (409), on both
    await send(nt, 'POST', `/cases/${show.report}/transition`, { to: 'in_progress', from: 'submitted' });
    out.set('refusals expected', ['console: a wrong password', `POST /cases/${show.report}/transition {"to":"in_progress","from":"submitted"}`]);
    await send(root, 'POST', `/cases/${other}/transition`, { to: 'accepted', data: { assignee: '龙珠工作站' } });
    await send(root, 'POST', `/cases/${show.projects.implementing}/milestones`, { date: '2026-03-14', note: '雨棚顶板安装完成', percent: 90 });
    await send(root, 'POST', '/cases/bulk-transition', { ids: [show.projects.collected, show.projects.reserve, show.projects.completed], to: 'reviewing' });
    const photos = (await root.get(`/api/console/cases/${show.report}`)).json?.photos as { id: number }[] | undefined;
    for (const [i, p] of (photos ?? []).entries()) await send(root, 'PATCH', `/cases/${show.report}/photos/${p.id}`, { publicState: i === 0 ? 'shown' : 'hidden' });
    await get(root, `/cases/${show.report}`);
    await get(root, '/cases?photosPending=1');

    const { ticketId } = await requestHandoff(db, { openid: 'o-showcase-author', reason: 'resident', context: { flowId: 'report' }, now: days(12) });
    await get(root, '/inbox');
    await get(root, `/inbox/${ticketId}`);
    await send(nt, 'POST', `/inbox/${ticketId}/claim`, {});
    await send(nt, 'POST', `/inbox/${ticketId}/notes`, { text: '居民情绪较急' });
    await send(nt, 'POST', `/inbox/${ticketId}/resolve`, {});
    await get(root, '/inbox?status=resolved');

    await send(root, 'POST', '/keyword-replies', { keyword: '电费', content: { text: '电费请拨打 95598' } });
    await send(root, 'POST', '/keyword-replies', { keyword: '摇号', match: 'exact', content: { text: '摇号结果见官网' } });
    const kws = (await root.get('/api/console/keyword-replies')).json?.items as { id: number }[] | undefined;
    if (kws?.[0]) await send(root, 'PATCH', `/keyword-replies/${kws[0].id}`, { enabled: false });
    if (kws?.[1]) await send(root, 'DELETE', `/keyword-replies/${kws[1].id}`, undefined);
    await get(root, '/keyword-replies');
    await send(root, 'POST', '/staff', { username: 'worker9', displayName: '九', password: 'long-enough-pw', role: 'street', streetId: 'nantou' });
    await get(root, '/staff');
    await get(nt, '/staff?assignable=1');
    await send(root, 'POST', '/menu/versions', { menu: { button: [{ type: 'click', name: '报修', key: '报修' }] } });
    await get(root, '/menu');
    await get(root, '/audit');
    await get(root, '/audit?action=case.transition&page=1&pageSize=5');

    // —— 微心愿: a wish filed, reworded and published in the console, claimed on the wall and by staff, fulfilled, its money
    const wish = (await civic.submitWish(db, { openid: 'o-parity-wisher', sourceKey: 'parity:wish', title: '一台助听器', description: '3栋王阿姨耳朵不好', beneficiaries: '独居老人', estimatedCost: 1_500_00, communityId: 'nantoucheng', photos: [] }, { now: days(6) })).caseId;
    await record('a wish under review, to others', async () => (await civic.getCasePublic(db, wish).catch((e: { code: string }) => e.code)));
    await send(root, 'POST', `/cases/${wish}/transition`, { to: 'published', data: { description: '一位独居老人耳朵不好' } });
    await record('a claim offered on the wall', () => civic.offerClaim(db, { caseId: wish, claimerName: '好邻居超市', claimerType: 'company', contactName: '陈店长', contactPhone: '0755-12345678' }, { now: days(6) }));
    await record('claimable cases', () => civic.claimableCases(db, { communityId: 'nantoucheng' }));
    const [offer] = await civic.listClaims(db, wish);
    await send(nt, 'POST', `/cases/${wish}/transition`, { to: 'claimed', data: { claimId: offer!.id } });
    await send(nt, 'POST', `/cases/${wish}/funding`, { source: 'in_kind', funder: '好邻居超市', amount: 1_280_00 });
    await send(root, 'POST', `/cases/${wish}/transition`, { to: 'fulfilled', data: { actualCost: 1_280_00 } });
    await get(root, `/cases/${wish}`);
    await get(root, '/cases?kind=wish');
    await get(root, '/dashboard');
    await record('wish stats', () => civic.communityStats(db, { communityId: 'nantoucheng', year: 2026 }));
    for (const p of ['/wishes', '/wishes?community=nantoucheng', `/c/${wish}`])
      await record(`page ${p}`, async () => {
        const r = await w.pages.get(p);
        return { status: r.status, text: r.text };
      });

    // —— the push outbox: everything the moves above queued, delivered by one worker pass
    await record('held updates, taken at the resident’s next message', () => takeHeldUpdates(db, 'o-parity-other', { now: days(12) }));
    // one resident at a time, so the sends (and the fake API's msgids) come in the same order
    const worker = w.push.worker({ settings: { concurrency: 1 } });
    await record('outbox: first pass', () => worker.drainOnce());
    await record('outbox: sent to WeChat', async () => w.push.fake.recorder.list().map((r) => ({ api: r.api, openid: r.openid, body: r.body, response: r.response })));
    for (const [i, sent] of templatesDelivered(w.push.fake).entries())
      await record(`template result ${i}`, () => recordTemplateResult(db, { templateMsgId: String(sent.response.msgid), status: i % 2 ? 'failed:user block' : 'success', now: days(12) }));
    w.at(days(13));
    await record('outbox: second pass', () => worker.drainOnce());
    await record('resolved reports nobody answered, closed', () => civic.closeUnansweredResolved(db, { olderThanDays: 0.5, now: days(13) }));

    // —— the public pages
    for (const p of [`/c/${show.report}`, `/c/${dup}`, ...Object.values(show.projects).map((id) => `/c/${id}`), '/community/shabaishi', '/community/shabaishi/publicity', '/community/nantoucheng', '/publicity'])
      await record(`page ${p}`, async () => {
        const r = await w.pages.get(p);
        return { status: r.status, text: r.text };
      });

    // —— every table, row by row
    for (const table of Object.values(schema)) {
      if (!is(table, PgTable)) continue;
      const name = getTableName(table);
      const skip = VOLATILE_COLUMNS[name] ?? [];
      await record(`table ${name}`, async () =>
        (await db.select().from(table))
          .map((row) => JSON.stringify(plain(Object.fromEntries(Object.entries(row).filter(([k]) => !skip.includes(k))))))
          .sort(),
      );
    }
    return out;
  } finally {
    await w.close();
  }
}

function answerOf(a: { status: number; json: unknown; text: string }) {
  return { status: a.status, body: a.json ?? a.text };
}

async function xlsxRows(body: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => rows.push(plain(row.values) as unknown[])));
  return rows;
}

describe('PGlite parity: the embedded database answers as PostgreSQL does', () => {
  const runs = new Map<DbKind, Transcript>();
  beforeAll(async () => {
    runs.set('postgres', await scenario('postgres'));
    runs.set('pglite', await scenario('pglite'));
  }, 180_000);
  afterAll(() => runs.clear());

  const compare = (filter: (step: string) => boolean) => {
    const pg = runs.get('postgres')!;
    const lite = runs.get('pglite')!;
    const steps = [...pg.keys()].filter(filter);
    expect(steps.length).toBeGreaterThan(0);
    expect([...lite.keys()].filter(filter)).toEqual(steps);
    for (const s of steps) expect.soft(lite.get(s), s).toEqual(pg.get(s));
  };
  const isTable = (s: string) => s.startsWith('table ');
  const isPage = (s: string) => s.startsWith('page ');
  const isConsole = (s: string) => /^(GET|POST|PATCH|DELETE) /.test(s) || s.startsWith('console:');
  const isOutbox = (s: string) => /^(outbox|template result|held updates)/.test(s);

  it('the civic domain: submissions, moves, lookups, stats, subscriptions', () => compare((s) => !isTable(s) && !isPage(s) && !isConsole(s) && !isOutbox(s)));
  it('the staff console: lists, filters, search, detail, dashboard, exports, moves, inbox, keywords, staff, menu, audit', () => compare(isConsole));
  it('the push outbox: claimed, sent and settled alike', () => compare(isOutbox));
  it('the public pages, byte for byte', () => compare(isPage));
  it('every table holds the same rows afterwards', () => compare(isTable));

  it('the scenario did what it says (two empty runs would also be equal)', () => {
    const pg = runs.get('postgres')!;
    const failed = [...pg].filter(([s, v]) => isConsole(s) && (v as { status: number }).status >= 400).map(([s]) => s);
    expect(failed).toEqual(pg.get('refusals expected'));
    expect([...pg.values()].filter((v) => (v as { threw?: unknown })?.threw !== undefined)).toEqual([]);
    expect((pg.get('GET /cases') as { body: { total: number } }).body.total).toBe(11);
    expect((pg.get('outbox: first pass') as number) + (pg.get('outbox: second pass') as number)).toBeGreaterThan(5);
    expect((pg.get('outbox: sent to WeChat') as unknown[]).length).toBeGreaterThan(5);
    expect(pg.get('page /community/shabaishi')).toMatchObject({ status: 200, text: expect.stringContaining('沙白石村') });
    expect((pg.get('table cases') as string[]).length).toBe(12);
    expect(pg.get('a wish under review, to others')).toBe('not_found');
    expect((pg.get('table claims') as string[]).length).toBe(1);
    expect((pg.get('table case_funding') as string[]).length).toBe(1);
    expect(pg.get('page /wishes')).toMatchObject({ status: 200, text: expect.stringContaining('一台助听器') });
    expect(pg.get('console: a wrong password')).toMatchObject({ status: 401 });
    expect((pg.get('held updates, taken at the resident’s next message') as unknown[]).length).toBeGreaterThan(0);
    expect(pg.get('resolved reports nobody answered, closed')).toEqual([1]);
    expect((pg.get('table audit_log') as string[]).length).toBeGreaterThan(10);
  });
});
