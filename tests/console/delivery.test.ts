import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSurvey } from '../../src/civic/index.js';
import { auditLog } from '../../src/db/schema.js';
import { samplePhoto } from '../../src/simulator/sample-image.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * 实施 and after in the console (issue 14, items 5 and 6): 实施信息, 验收 (and the rule that 完成
 * waits for a passed one), the acceptance record, milestone photos, 第三方评估 and its report, the
 * survey tally and the three money figures — each write audited, another community's refused.
 */
describe('实施, 验收 and 评估 in the console', () => {
  let h: ConsoleHarness;
  let nt: Client;
  const api = (p: string) => `/api/console${p}`;
  const pdf = new TextEncoder().encode('%PDF-1.4\n% acceptance\n%%EOF\n');
  const upload = (c: Client, url: string, type: string, body: Uint8Array) =>
    fetch(`${h.url}${api(url)}`, { method: 'POST', headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': type }, body });

  beforeAll(async () => {
    h = await startConsole('postgres');
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    nt = await h.login('nt');
  });
  afterAll(() => h.close());

  /** a project of 南头城 moved by the console to 实施 */
  const implementing = async (communityId = 'nantoucheng') => {
    const id = await h.proposal({ communityId, estimatedCost: 500_000, openid: `o-proposer-${communityId}` });
    const root = nt;
    const step = async (to: string, data: Record<string, unknown> = {}) => expect((await root.post(api(`/cases/${id}/transition`), { to, data })).status).toBe(200);
    await step('reviewing');
    await step('approved', { approvedCost: 450_000 });
    await step('publicised', { publicityStart: '2026-02-01T00:00:00Z', publicityEnd: '2026-02-20T00:00:00Z' });
    await step('implementing');
    return id;
  };

  it('records who delivers it, refuses 完成 until a passed acceptance, and keeps the money paid', async () => {
    const id = await implementing();
    const set = await nt.post(api(`/cases/${id}/delivery`), { implementerKind: 'provider', implementerName: '某某照明工程公司', contractAmount: 440_000, plannedStart: '2026-03-02', plannedEnd: '2026-03-31' });
    expect(set.status).toBe(200);
    expect(set.json.delivery).toMatchObject({ implementerKind: 'provider', implementerName: '某某照明工程公司', contractAmount: 440_000, actualStart: null });
    expect(set.json.can).toEqual({ delivery: true, acceptance: true, evaluation: false, milestonePhoto: false });
    const bad = await nt.post(api(`/cases/${id}/delivery`), { implementerKind: 'provider', implementerName: '', contractAmount: 1 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain('实施单位');

    const early = await nt.post(api(`/cases/${id}/transition`), { to: 'completed', data: { actualCost: 430_000 } });
    expect(early.status).toBe(400);
    expect(early.json.error.message).toBe('完成前需要登记一次通过的验收');
    const acc = await nt.post(api(`/cases/${id}/acceptances`), { acceptedOn: '2026-03-02', acceptedBy: '街道城建办', result: 'passed', notes: '全部亮灯' });
    expect(acc.status).toBe(201);
    const acceptanceId = acc.json.acceptances[0].id as number;
    expect((await upload(nt, `/cases/${id}/acceptances/${acceptanceId}/document`, 'text/html', pdf)).status).toBe(415);
    expect((await upload(nt, `/cases/${id}/acceptances/${acceptanceId}/document`, 'image/png', pdf)).status).toBe(415);
    const up = await upload(nt, `/cases/${id}/acceptances/${acceptanceId}/document`, 'application/pdf', pdf);
    expect(up.status).toBe(201);
    expect(((await up.json()) as any).acceptances[0].document).toEqual({ type: 'application/pdf', bytes: pdf.length });
    const doc = await nt.get(api(`/cases/${id}/acceptances/${acceptanceId}/document`));
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-disposition')).toContain('attachment');
    expect(doc.body.equals(Buffer.from(pdf))).toBe(true);

    expect((await nt.post(api(`/cases/${id}/transition`), { to: 'completed', data: { actualCost: 430_000 } })).status).toBe(200);
    const panel = await nt.get(api(`/cases/${id}/delivery`));
    expect(panel.json.money).toEqual({ requested: 500_000, approved: 450_000, paid: 430_000 });
    expect(panel.json.can).toMatchObject({ acceptance: false, evaluation: true });

    const ev = await nt.post(api(`/cases/${id}/evaluations`), { evaluator: '某某评估中心', evaluatedOn: '2026-03-02', score: 88, summary: '按期完成' });
    expect(ev.status).toBe(201);
    const evaluationId = ev.json.evaluations[0].id as number;
    expect((await upload(nt, `/cases/${id}/evaluations/${evaluationId}/report`, 'application/pdf', pdf)).status).toBe(201);
    expect((await nt.get(api(`/cases/${id}/evaluations/${evaluationId}/report`))).status).toBe(200);
    expect((await nt.post(api(`/cases/${id}/evaluations`), { evaluator: '某某评估中心', evaluatedOn: '2026-03-02', score: 101, summary: 'x' })).status).toBe(400);

    await answerSurvey(h.db, { caseId: id, openid: 'o-proposer-nantoucheng', answer: 'fair' }, { now: h.clock.now() });
    expect((await nt.get(api(`/cases/${id}/delivery`))).json.survey).toEqual({ satisfied: 0, fair: 1, dissatisfied: 0, reasons: [] });

    const audit = await h.db.select().from(auditLog).where(eq(auditLog.target, `case:${id}`));
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['case.delivery', 'case.acceptance', 'case.acceptance_document', 'case.evaluation', 'case.evaluation_report']),
    );
  });

  it('adds a photo to a milestone, and refuses another community\'s project', async () => {
    const id = await implementing();
    expect((await nt.post(api(`/cases/${id}/milestones`), { date: '2026-03-02', note: '灯杆基础完成', percent: 40 })).status).toBe(201);
    const milestoneId = (await nt.get(api(`/cases/${id}/delivery`))).json.milestones[0].id as number;
    const r = await upload(nt, `/cases/${id}/milestones/${milestoneId}/photos`, 'image/png', new Uint8Array(samplePhoto(3, 32, 24)));
    expect(r.status).toBe(201);
    const panel = (await r.json()) as any;
    expect(panel.milestones[0].photoIds).toHaveLength(1);
    expect((await nt.get(api(`/cases/${id}/photos/${panel.milestones[0].photoIds[0]}`))).status).toBe(200);
    expect((await upload(nt, `/cases/${id}/milestones/${milestoneId + 1000}/photos`, 'image/png', new Uint8Array(samplePhoto(4, 32, 24)))).status).toBe(404);
    expect(await h.db.select().from(auditLog).where(and(eq(auditLog.target, `case:${id}`), eq(auditLog.action, 'case.milestone_photo')))).toHaveLength(1);

    const other = await h.proposal({ communityId: 'longzhu' });
    expect((await nt.get(api(`/cases/${other}/delivery`))).status).toBe(403);
    expect((await nt.post(api(`/cases/${other}/delivery`), { implementerKind: 'street', implementerName: '桃源街道' })).status).toBe(403);
  });
});
