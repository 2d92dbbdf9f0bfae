import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, caseFunding, cases, evaluations } from '../../src/db/schema.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * 报表 against a hand-counted Kuichong-sized year (葵涌办事处 2016 in the seeds: 215 collected, two
 * batches of 58 and 61 implemented for 18,185,800 元; batch 1 = 39 engineering for 7,696,100 元 and
 * 10 service + 9 goods for 2,096,000 元). The year here is 2025; the rows are written straight into
 * the database from the blocks below, and every expected figure is counted by hand in the comments,
 * not by the code under test.
 *
 * block  n   type   status        community     batch   theme                est     approved  paid     social  resolved
 * A      38  工程类 completed     kuichong-sq   第一批  compound-governance  200000  197300    190000   —       2025-09
 * B      1   工程类 implementing  kuixin        第一批  compound-governance  200000  198700    —        —
 * C      10  服务类 completed     kuixin        第一批  elder-care           120000  110000    100000   10000   2025-10
 * D      8   货物类 implementing  tuyang        第一批  education            110000  110000    —
 * E      1   货物类 evaluated     tuyang        第一批  (none)               116000  116000    116000           2025-11
 * F      30  工程类 implementing  tuyang        第二批  compound-governance  220000  200000    —
 * G      20  服务类 completed     kuichong-sq   第二批  health               80000   80000     78000            2026-01 (next year: not on time)
 * H      10  货物类 implementing  kuixin        第二批  education            72000   72000     —
 * I      1   货物类 implementing  kuixin        第二批  education            73700   73700     —
 * J      40  工程类 reserve       kuichong-sq   —       (none)               50000   —         —     (the first filed 1 Jan 2025 00:10 China time)
 * K      36  服务类 declined      kuixin        —       health               30000   —         —
 * L      20  货物类 reviewing     tuyang        —       other                10000   —         —
 * outside: one proposal filed 1 Jan 2026 00:30 China time (31 Dec 2025 UTC); one of 南头 in 2025
 * government money: a line of 197300 on each of A; ratings: A's first ten one 5 each, C four 2s, E one 4
 */
const KUICHONG = 'kuichong';
const yuan = (y: number) => y * 100;

interface Block {
  n: number;
  type: '工程类' | '服务类' | '货物类';
  status: string;
  community: string;
  street?: string;
  batch?: string;
  theme?: string;
  est: number;
  approved?: number;
  paid?: number;
  resolved?: string;
  created?: string;
}
const B1 = '第一批';
const B2 = '第二批';
const BLOCKS: Record<string, Block> = {
  A: { n: 38, type: '工程类', status: 'completed', community: 'kuichong-sq', batch: B1, theme: 'compound-governance', est: 200000, approved: 197300, paid: 190000, resolved: '2025-09-10T02:00:00Z' },
  B: { n: 1, type: '工程类', status: 'implementing', community: 'kuixin', batch: B1, theme: 'compound-governance', est: 200000, approved: 198700 },
  C: { n: 10, type: '服务类', status: 'completed', community: 'kuixin', batch: B1, theme: 'elder-care', est: 120000, approved: 110000, paid: 100000, resolved: '2025-10-10T02:00:00Z' },
  D: { n: 8, type: '货物类', status: 'implementing', community: 'tuyang', batch: B1, theme: 'education', est: 110000, approved: 110000 },
  E: { n: 1, type: '货物类', status: 'evaluated', community: 'tuyang', batch: B1, est: 116000, approved: 116000, paid: 116000, resolved: '2025-11-10T02:00:00Z' },
  F: { n: 30, type: '工程类', status: 'implementing', community: 'tuyang', batch: B2, theme: 'compound-governance', est: 220000, approved: 200000 },
  G: { n: 20, type: '服务类', status: 'completed', community: 'kuichong-sq', batch: B2, theme: 'health', est: 80000, approved: 80000, paid: 78000, resolved: '2026-01-15T02:00:00Z' },
  H: { n: 10, type: '货物类', status: 'implementing', community: 'kuixin', batch: B2, theme: 'education', est: 72000, approved: 72000 },
  I: { n: 1, type: '货物类', status: 'implementing', community: 'kuixin', batch: B2, theme: 'education', est: 73700, approved: 73700 },
  J: { n: 40, type: '工程类', status: 'reserve', community: 'kuichong-sq', est: 50000 },
  K: { n: 36, type: '服务类', status: 'declined', community: 'kuixin', theme: 'health', est: 30000 },
  L: { n: 20, type: '货物类', status: 'reviewing', community: 'tuyang', theme: 'other', est: 10000 },
  // outside the year or the street
  next: { n: 1, type: '工程类', status: 'collected', community: 'kuixin', est: 999999, created: '2025-12-31T16:30:00Z' },
  nantou: { n: 1, type: '工程类', status: 'collected', community: 'nantoucheng', street: 'nantou', est: 888888 },
};

describe.each(['postgres', 'pglite'] as const)('报表 of a Kuichong-sized year (%s)', (kind) => {
  let h: ConsoleHarness;
  let c: Client;
  const ids: Record<string, number[]> = {};

  beforeAll(async () => {
    h = await startConsole(kind);
    await h.user('kc', 'street', { streetId: KUICHONG });
    await h.user('admin', 'admin');
    c = await h.login('admin');
    let seq = 0;
    for (const [name, b] of Object.entries(BLOCKS)) {
      const rows = Array.from({ length: b.n }, (_, i) => ({
        kind: 'proposal' as const,
        status: b.status,
        communityId: b.community,
        streetId: b.street ?? KUICHONG,
        title: `${name}${i}`,
        description: '示例',
        projectType: b.type,
        estimatedCost: yuan(b.est),
        approvedCost: b.approved ? yuan(b.approved) : null,
        actualCost: b.paid ? yuan(b.paid) : null,
        batch: b.batch ?? null,
        theme: b.theme ?? null,
        sourceKey: `fixture-${++seq}`,
        // spread over the year; J's first on 1 January 00:10 China time
        createdAt: new Date(b.created ?? (name === 'J' && i === 0 ? '2024-12-31T16:10:00Z' : `2025-0${1 + (i % 8)}-15T02:00:00Z`)),
        publicityStart: b.batch ? new Date(b.batch === B1 ? '2025-06-01T00:00:00Z' : '2025-08-01T00:00:00Z') : null,
        resolvedAt: b.resolved ? new Date(b.resolved) : null,
      }));
      ids[name] = (await h.db.insert(cases).values(rows).returning({ id: cases.id })).map((r) => r.id);
    }
    await h.db.insert(caseFunding).values(ids.A!.map((caseId) => ({ caseId, source: 'government' as const, amount: yuan(197300) })));
    await h.db.insert(caseFunding).values(ids.C!.map((caseId) => ({ caseId, source: 'social' as const, funder: '葵涌商会', amount: yuan(10000) })));
    await h.db.insert(evaluations).values([
      ...ids.A!.slice(0, 10).map((caseId) => ({ caseId, openid: `o-a-${caseId}`, score: 5 })),
      ...ids.C!.slice(0, 4).map((caseId) => ({ caseId, openid: `o-c-${caseId}`, score: 2 })),
      { caseId: ids.E![0]!, openid: 'o-e', score: 4 },
    ]);
  });
  afterAll(() => h.close());

  /** 215 = 58 + 61 + 96; approved 9,792,100 + 8,393,700 = 18,185,800 */
  const TOTALS = {
    collected: 215,
    confirmed: 119,
    implemented: 119,
    completed: 69, // A38 + C10 + E1 + G20
    requested: yuan(22_269_700), // 7,600,000 + 200,000 + 1,200,000 + 880,000 + 116,000 + 6,600,000 + 1,600,000 + 720,000 + 73,700 + 2,000,000 + 1,080,000 + 200,000
    approved: yuan(18_185_800),
    paid: yuan(9_896_000), // 7,220,000 + 1,000,000 + 116,000 + 1,560,000
    government: yuan(7_497_400), // 38 × 197,300
    social: yuan(100_000), // 10 × 10,000
    onTimeBase: 119,
    onTime: 49, // A38 + C10 + E1 (G finished in January 2026)
    rated: 15,
    satisfied: 11, // A's ten 5s and E's 4
  };

  it('by project type, per street: the year as the street sends it upward', async () => {
    const a = await c.get(`/api/console/figures?year=2025&streetId=${KUICHONG}&groupBy=type&per=street`);
    expect(a.status).toBe(200);
    expect(a.json.totals).toEqual(TOTALS);
    const pick = (r: any) => [r.streetName, r.group, r.collected, r.confirmed, r.completed, r.requested, r.approved, r.paid];
    expect(a.json.rows.map(pick)).toEqual([
      ['葵涌街道', '工程类', 109, 69, 38, yuan(16_400_000), yuan(13_696_100), yuan(7_220_000)],
      ['葵涌街道', '服务类', 66, 30, 30, yuan(3_880_000), yuan(2_700_000), yuan(2_560_000)],
      ['葵涌街道', '货物类', 40, 20, 1, yuan(1_989_700), yuan(1_789_700), yuan(116_000)],
    ]);
  });

  it('by batch: 第一批 58 项 9,792,100 元 (39 engineering 7,696,100 元), 第二批 61 项 8,393,700 元, the rest not in a batch', async () => {
    const a = await c.get(`/api/console/figures?year=2025&streetId=${KUICHONG}&groupBy=batch&per=street`);
    expect(a.json.rows.map((r: any) => [r.group, r.collected, r.implemented, r.approved])).toEqual([
      [B1, 58, 58, yuan(9_792_100)],
      [B2, 61, 61, yuan(8_393_700)],
      [null, 96, 0, 0],
    ]);
    const eng = await c.get(`/api/console/figures?year=2025&streetId=${KUICHONG}&groupBy=type&per=street`);
    expect(eng.json.rows[0].approved - yuan(6_000_000)).toBe(yuan(7_696_100)); // F: 30 × 200,000 in 第二批
  });

  it('by theme, per community: names from config/proposal-themes.yaml, none set last', async () => {
    const a = await c.get(`/api/console/figures?year=2025&communityId=kuixin&groupBy=theme`);
    expect(a.json.rows.map((r: any) => [r.communityName, r.groupName, r.collected, r.implemented])).toEqual([
      ['葵新社区', '敬老孝亲', 10, 10], // C
      ['葵新社区', '教育培训', 11, 11], // H + I
      ['葵新社区', '小区治理', 1, 1], // B
      ['葵新社区', '卫生健康', 36, 0], // K
    ]);
  });

  it('a street account sees its own street; filed by China time', async () => {
    const kc = await h.login('kc');
    const a = await kc.get('/api/console/figures?year=2025&groupBy=batch');
    expect(a.json.totals).toEqual(TOTALS);
    const next = await kc.get('/api/console/figures?year=2026');
    expect(next.json.totals.collected).toBe(1); // filed 1 January 2026, 00:30 China time
    const all = await c.get('/api/console/figures?year=2025');
    expect(all.json.totals.collected).toBe(216); // and 南头's
  });

  it('exports the same table with a 合计 row: CSV in 元 with two decimals, Excel with numbers', async () => {
    const csv = await c.get(`/api/console/figures/export.csv?year=2025&streetId=${KUICHONG}&groupBy=type&per=street`);
    expect(csv.status).toBe(200);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('街道,项目类型,征集（项）,确定（项）,实施（项）,完成（项）,申请金额（元）,确定金额（元）,支付金额（元）,政府资金（元）,社会资金（元）,按期完成率,满意度');
    expect(lines[1]).toBe('葵涌街道,工程类,109,69,69,38,16400000.00,13696100.00,7220000.00,7497400.00,0.00,55.1%,100.0%'); // on time 38/69; rated A's ten, all 5
    expect(lines.at(-1)).toBe('合计,,215,119,119,69,22269700.00,18185800.00,9896000.00,7497400.00,100000.00,41.2%,73.3%'); // 49/119, 11/15
    expect(lines).toHaveLength(5);

    const x = await c.get(`/api/console/figures/export.xlsx?year=2025&streetId=${KUICHONG}&groupBy=batch&per=community`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('报表')!;
    const last = ws.getRow(ws.rowCount).values as unknown[];
    // [, 街道, 社区, 批次, 征集, 确定, 实施, 完成, 申请, 确定金额, 支付, 政府, 社会, 按期, 满意]
    expect(last.slice(1, 12)).toEqual(['合计', undefined, undefined, 215, 119, 119, 69, 22_269_700, 18_185_800, 9_896_000, 7_497_400]);
    expect(last[13]).toBeCloseTo(49 / 119, 10);
    expect(last[14]).toBeCloseTo(11 / 15, 10);
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.action, 'figures.export'));
    expect(audit.map((r) => (r.after as { rows: number }).rows)).toEqual([3, 9]); // 3 types; three communities × (第一批, 第二批, none)
  });
});
