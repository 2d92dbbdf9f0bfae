import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMilestone,
  addMilestonePhoto,
  answerSurvey,
  attachEvaluationReport,
  recordAcceptance,
  recordThirdPartyEvaluation,
  setDelivery,
  transition,
} from '../../src/civic/index.js';
import type { Database } from '../../src/db/client.js';
import { ctxAt, forceStatus, openSeeded, proposal, staff } from '../civic/fixtures.js';
import { NOW, sectionOf, setPhotosState, startPages, storePhoto, type PagesServer } from './fixtures.js';

/**
 * 三公开 of the implementation and its result (issue 14, items 5 and 6): who delivers the project,
 * the contract, the dates, the acceptances, the milestone photos, the third-party evaluation and
 * the survey's counts — staff words escaped and phones masked, never who answered the survey.
 */
describe('public page: 实施与验收, 第三方评估, 满意度调查', () => {
  let database: Database;
  let srv: PagesServer;
  let mediaDir: string;
  beforeAll(async () => {
    database = await openSeeded();
    mediaDir = mkdtempSync(path.join(tmpdir(), 'msw-delivery-'));
    srv = await startPages({ db: database.db, mediaDir, now: () => NOW });
  });
  afterAll(async () => {
    await srv.close();
    await database.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });
  const ctx = ctxAt(NOW);

  it('shows the implementer, contract, dates, acceptances, milestone photos, evaluation and survey counts', async () => {
    const { db } = database;
    const p = await proposal(db, { openid: 'o-delivery-proposer' });
    await forceStatus(db, p, 'implementing');
    await setDelivery(
      db,
      { caseId: p, implementerKind: 'provider', implementerName: '<b>某某</b>照明公司 13300133000', contractAmount: 28_000_00, plannedStart: '2026-03-02', plannedEnd: '2026-03-31', actualStart: '2026-03-03', actor: staff },
      ctx,
    );
    const { milestoneId } = await addMilestone(db, { caseId: p, date: NOW, note: '灯杆基础完成', percent: 40, actor: staff }, ctx);
    await addMilestonePhoto(db, { caseId: p, milestoneId, photo: storePhoto(mediaDir, 'ms1', 1), actor: staff }, ctx);
    await recordAcceptance(db, { caseId: p, acceptedOn: '2026-03-10', acceptedBy: '街道城建办', result: 'failed', notes: '有3盏灯不亮', actor: staff }, ctx);
    await recordAcceptance(db, { caseId: p, acceptedOn: '2026-03-13', acceptedBy: '街道城建办', result: 'passed', actor: staff }, ctx);
    await transition(db, { caseId: p, to: 'completed', actor: staff, publicNote: '已完工', data: { actualCost: 27_500_00 } }, ctx);
    await recordThirdPartyEvaluation(db, { caseId: p, evaluator: '某某评估中心', evaluatedOn: '2026-03-14', score: 92, summary: '按期完成<script>', actor: staff }, ctx);
    await answerSurvey(db, { caseId: p, openid: 'o-delivery-proposer', answer: 'dissatisfied', reason: 'SECRET-REASON' }, ctx);

    const page = (await srv.get(`/c/${p}`)).text;
    const delivery = sectionOf(page, '实施与验收');
    expect(delivery).toContain('&lt;b&gt;某某&lt;/b&gt;照明公司 133****3000（签约服务商）');
    expect(delivery).toContain('2.8万元');
    expect(delivery).toContain('3月3日 开工，尚未完工');
    expect(delivery).toContain('3月10日 验收不合格');
    expect(delivery).toContain('3月13日 验收合格');
    expect(delivery).toContain('验收单位：街道城建办');
    expect(sectionOf(page, '实施进度')).toMatch(/data-milestone-photos="1"><a href="\/c\/\d+\/photos\/\d+">/);
    const evaluation = sectionOf(page, '第三方评估');
    expect(evaluation).toContain('某某评估中心（3月14日）：92 分，满分 100 分');
    expect(evaluation).toContain('按期完成&lt;script&gt;');
    expect(sectionOf(page, '满意度调查')).toContain('满意 0 人，基本满意 0 人，不满意 1 人。');
    expect(page).not.toContain('SECRET-REASON');
    expect(page).not.toContain('o-delivery-proposer');

    // a milestone photo staff hid is no longer shown with it
    await setPhotosState(db, p, 'hidden');
    expect(sectionOf((await srv.get(`/c/${p}`)).text, '实施进度')).not.toContain('data-milestone-photos');
  });

  it('links the evaluation report, a download of the stored file only', async () => {
    const { db } = database;
    const p = await proposal(db);
    await forceStatus(db, p, 'completed');
    const { evaluation } = await recordThirdPartyEvaluation(db, { caseId: p, evaluator: '某某评估中心', evaluatedOn: '2026-03-14', score: 80, summary: '良好', actor: staff }, ctx);
    expect(sectionOf((await srv.get(`/c/${p}`)).text, '第三方评估')).not.toContain('评估报告');
    expect((await srv.get(`/c/${p}/evaluations/${evaluation.id}/report`)).status).toBe(404);
    const bytes = Buffer.from('%PDF-1.4\n% report\n%%EOF\n');
    mkdirSync(path.join(mediaDir, '2026/03'), { recursive: true });
    writeFileSync(path.join(mediaDir, '2026/03/report.pdf'), bytes);
    await attachEvaluationReport(db, { caseId: p, evaluationId: evaluation.id, file: { path: '2026/03/report.pdf', sha256: 'c'.repeat(64), bytes: bytes.length, contentType: 'application/pdf' } });
    expect(sectionOf((await srv.get(`/c/${p}`)).text, '第三方评估')).toContain(`<a href="/c/${p}/evaluations/${evaluation.id}/report">评估报告</a>`);
    const got = await srv.get(`/c/${p}/evaluations/${evaluation.id}/report`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toContain('attachment');
    expect(got.bytes.equals(bytes)).toBe(true);
    // another case's number with this evaluation's id: nothing
    expect((await srv.get(`/c/${p + 1}/evaluations/${evaluation.id}/report`)).status).toBe(404);
  });

  it('a project with nothing recorded shows none of it', async () => {
    const p = await proposal(database.db);
    const page = (await srv.get(`/c/${p}`)).text;
    for (const title of ['实施与验收', '第三方评估', '满意度调查']) expect(page).not.toContain(`<h2>${title}`);
  });
});
