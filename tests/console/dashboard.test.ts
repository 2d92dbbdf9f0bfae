import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAcceptance, recordProjectRating, recordReportFeedback, transition } from '../../src/civic/index.js';
import { cases } from '../../src/db/schema.js';
import { startConsole, T0, type ConsoleHarness } from './harness.js';

const H = 3600_000;

/**
 * A known data set (T0 = Monday 2 March 2026, 10:00 Shenzhen):
 * proposals  P1 南头城 est 1000元 → completed (approved 900, spent 850) · P2 南头城 est 500 → approved 400
 *            P3 同乐 est 300 → reserve · P4 同乐 est 200 → declined · P5 龙珠 est 700 → implementing (approved 600)
 *            P6 龙珠 est 100, collected
 * reports    R1 南头城 路灯 accepted +2 h, resolved +26 h (on time), resident satisfied → closed
 *            R2 南头城 安全隐患 (1 working day) accepted +4 h, resolved +96 h (late), not satisfied → in_progress
 *            R3 龙珠 环境卫生 (2 working days) never accepted → overdue
 *            R4 同乐 排水井盖, 1 April → not yet due
 * ratings    P1: 4 and 5
 * now        2 April 2026, 10:00
 */
describe('console dashboard', () => {
  let h: ConsoleHarness;
  const staff = { type: 'staff', id: '1' } as const;

  beforeAll(async () => {
    h = await startConsole();
    const at = (ms: number) => ({ now: new Date(T0 + ms) });
    const move = (caseId: number, to: string, ms: number, data: Record<string, unknown> = {}, publicNote?: string) =>
      transition(h.db, { caseId, to, actor: staff, data, ...(publicNote ? { publicNote } : {}) }, at(ms));
    const p1 = await h.proposal({ communityId: 'nantoucheng', estimatedCost: 100_000 });
    const p2 = await h.proposal({ communityId: 'nantoucheng', estimatedCost: 50_000, projectType: '服务类' });
    const p3 = await h.proposal({ communityId: 'tongle', estimatedCost: 30_000 });
    const p4 = await h.proposal({ communityId: 'tongle', estimatedCost: 20_000 });
    const p5 = await h.proposal({ communityId: 'longzhu', estimatedCost: 70_000 });
    await h.proposal({ communityId: 'longzhu', estimatedCost: 10_000 });
    for (const p of [p1, p2, p3, p4, p5]) await move(p, 'reviewing', H);
    await move(p1, 'approved', H, { approvedCost: 90_000, batch: '第一批' });
    await move(p2, 'approved', H, { approvedCost: 40_000, batch: '第一批' });
    await move(p5, 'approved', H, { approvedCost: 60_000, batch: '第一批' });
    await move(p3, 'reserve', H);
    await move(p4, 'declined', H, { reason: '不属于微实事范围' });
    for (const p of [p1, p5]) {
      await move(p, 'publicised', H, { publicityStart: new Date(T0), publicityEnd: new Date(T0 + 7 * 24 * H) });
      await move(p, 'implementing', 8 * 24 * H);
    }
    await recordAcceptance(h.db, { caseId: p1, acceptedOn: '2026-03-01', acceptedBy: '街道城建办', result: 'passed', actor: { type: 'staff', id: 'staff:1' } }, at(20 * 24 * H));
    await move(p1, 'completed', 20 * 24 * H, { actualCost: 85_000 });
    await recordProjectRating(h.db, { caseId: p1, openid: 'o-rater-1', score: 4 }, at(21 * 24 * H));
    await recordProjectRating(h.db, { caseId: p1, openid: 'o-rater-2', score: 5 }, at(21 * 24 * H));

    const r1 = await h.report({ communityId: 'nantoucheng', category: 'streetlight' });
    const r2 = await h.report({ communityId: 'nantoucheng', category: 'safety' });
    await h.report({ communityId: 'longzhu', category: 'sanitation' });
    await move(r1, 'accepted', 2 * H, { assignee: '电工班' });
    await move(r2, 'accepted', 4 * H, { assignee: '安监' });
    await move(r1, 'resolved', 26 * H);
    await move(r2, 'resolved', 96 * H);
    const openidOf = async (id: number) => (await h.db.select().from(cases).where(eq(cases.id, id)))[0]!.openid!;
    await recordReportFeedback(h.db, { caseId: r1, openid: await openidOf(r1), satisfied: true }, at(27 * H));
    await recordReportFeedback(h.db, { caseId: r2, openid: await openidOf(r2), satisfied: false, comment: '还有隐患' }, at(97 * H));
    h.clock.set(Date.parse('2026-04-01T02:00:00Z'));
    await h.report({ communityId: 'tongle', category: 'drainage' });
    h.clock.set(Date.parse('2026-04-02T02:00:00Z'));
    await h.user('root', 'admin');
    await h.user('st', 'street', { streetId: 'nantou' });
    await h.user('lz', 'community', { communityId: 'longzhu' });
  });
  afterAll(() => h.close());

  it('gives the officials’ figures, rates and medians of the whole set', async () => {
    const admin = await h.login('root');
    const d = (await admin.get('/api/console/dashboard')).json;
    expect(d.from).toBe('2025-12-31T16:00:00.000Z');
    expect(d.to).toBe('2026-12-31T16:00:00.000Z');
    expect(d.totals).toEqual({
      collected: { count: 6, requested: 280_000 },
      confirmed: { count: 3, approved: 190_000 },
      implemented: { count: 2, approved: 150_000 },
      completed: { count: 1, spent: 85_000 },
      reserve: 1,
      declined: 1,
      reports: { received: 4, open: 3, resolved: 1, resolvedOnTime: 1, overdue: 2 },
      wishes: { posted: { count: 0, value: 0 }, claimed: { count: 0, value: 0 }, fulfilled: { count: 0, value: 0 } },
      funding: { government: 0, social: 0, residents: 0, inKind: 0 },
    });
    expect(d.onTimeRate).toBe(1);
    expect(d.medianHoursToAcceptance).toBe(3);
    expect(d.medianHoursToResolution).toBe(26);
    expect(d.satisfaction).toEqual({ satisfied: 1, unsatisfied: 1, rate: 0.5, averageScore: 4.5, ratings: 2 });
    expect(d.reportsByCategoryByMonth).toEqual([
      { month: '2026-03', category: 'safety', categoryName: '安全隐患', count: 1 },
      { month: '2026-03', category: 'sanitation', categoryName: '环境卫生', count: 1 },
      { month: '2026-03', category: 'streetlight', categoryName: '路灯照明', count: 1 },
      { month: '2026-04', category: 'drainage', categoryName: '排水井盖', count: 1 },
    ]);
    const nantou = d.byStreet.find((s: { streetId: string }) => s.streetId === 'nantou');
    expect(nantou).toMatchObject({
      streetName: '南头街道',
      collected: { count: 4, requested: 200_000 },
      confirmed: { count: 2, approved: 130_000 },
      implemented: { count: 1, approved: 90_000 },
      completed: { count: 1, spent: 85_000 },
      reserve: 1,
      declined: 1,
      reports: { received: 3, open: 2, resolved: 1, resolvedOnTime: 1, overdue: 1 },
      wishes: { posted: { count: 0, value: 0 }, claimed: { count: 0, value: 0 }, fulfilled: { count: 0, value: 0 } },
      funding: { government: 0, social: 0, residents: 0, inKind: 0 },
    });
    const taoyuan = d.byStreet.find((s: { streetId: string }) => s.streetId === 'taoyuan');
    expect(taoyuan).toMatchObject({ collected: { count: 2, requested: 80_000 }, confirmed: { count: 1, approved: 60_000 }, completed: { count: 0, spent: 0 } });
    const longzhu = d.byCommunity.find((c: { communityId: string }) => c.communityId === 'longzhu');
    expect(longzhu).toMatchObject({ communityName: '龙珠社区', streetId: 'taoyuan', implemented: { count: 1, approved: 60_000 }, reports: { received: 1, overdue: 1 } });
    const quiet = d.byCommunity.find((c: { communityId: string }) => c.communityId === 'daxin');
    expect(quiet.collected.count).toBe(0);
  });

  it('restricts the period by created_at and the place by street or community', async () => {
    const admin = await h.login('root');
    const april = (await admin.get('/api/console/dashboard?from=2026-04-01&to=2026-05-01')).json;
    expect(april.totals.collected.count).toBe(0);
    expect(april.totals.reports).toEqual({ received: 1, open: 1, resolved: 0, resolvedOnTime: 0, overdue: 0 });
    expect(april.onTimeRate).toBeNull();
    expect(april.medianHoursToAcceptance).toBeNull();
    const tongle = (await admin.get('/api/console/dashboard?communityId=tongle')).json;
    expect(tongle.byCommunity.map((c: { communityId: string }) => c.communityId)).toEqual(['tongle']);
    expect(tongle.totals).toMatchObject({ collected: { count: 2, requested: 50_000 }, reserve: 1, declined: 1 });
    expect((await admin.get('/api/console/dashboard?from=2026-05-01&to=2026-04-01')).status).toBe(400);
  });

  it('shows each user only their scope', async () => {
    const st = (await (await h.login('st')).get('/api/console/dashboard')).json;
    expect(st.byStreet.map((s: { streetId: string }) => s.streetId)).toEqual(['nantou']);
    expect(st.byCommunity).toHaveLength(6);
    expect(st.totals.collected.count).toBe(4);
    expect(st.totals.reports.received).toBe(3);
    const lz = await h.login('lz');
    const mine = (await lz.get('/api/console/dashboard?streetId=nantou')).json;
    expect(mine.totals.collected.count).toBe(0);
    expect(mine.byCommunity).toEqual([]);
    const own = (await lz.get('/api/console/dashboard')).json;
    expect(own.byCommunity.map((c: { communityId: string }) => c.communityId)).toEqual(['longzhu']);
    expect(own.totals).toMatchObject({ collected: { count: 2, requested: 80_000 }, reports: { received: 1, open: 1, overdue: 1 } });
    expect(own.satisfaction).toMatchObject({ satisfied: 0, ratings: 0, rate: null, averageScore: null });
  });

  it('lists what is late (督办) with how late, and unacknowledged reports', async () => {
    const admin = await h.login('root');
    const d = (await admin.get('/api/console/deadlines')).json;
    expect(d.overdue.map((c: { categoryName: string }) => c.categoryName)).toEqual(['安全隐患', '环境卫生']);
    // 安全隐患 filed Monday 10:00 was due at the end of Tuesday 3 March (Shenzhen): 2 April 10:00 is 706 h later
    expect(d.overdue[0]).toMatchObject({ overdue: true, hoursOverdue: 706, status: 'in_progress' });
    expect(d.unacknowledgedHours).toBe(24);
    expect(d.unacknowledged.map((c: { categoryName: string; hoursWaiting: number }) => [c.categoryName, c.hoursWaiting])).toEqual([
      ['环境卫生', 744],
      ['排水井盖', 24],
    ]);
    expect((await admin.get('/api/console/deadlines?hours=48')).json.unacknowledged).toHaveLength(1);
    const lz = (await (await h.login('lz')).get('/api/console/deadlines')).json;
    expect(lz.overdue.map((c: { communityId: string }) => c.communityId)).toEqual(['longzhu']);
    const overdueList = (await admin.get('/api/console/cases?overdue=true')).json;
    expect(overdueList.total).toBe(2);
  });
});
