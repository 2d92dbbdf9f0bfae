import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptancesOf,
  addMilestone,
  addMilestonePhoto,
  answerSurvey,
  attachAcceptanceDocument,
  deliveryOf,
  milestonesOf,
  recordAcceptance,
  recordThirdPartyEvaluation,
  setDelivery,
  surveyTally,
  thirdPartyEvaluationsOf,
} from '../../src/civic/index.js';
import { ensureResident } from '../../src/civic/residents.js';
import { subscribeCommunity, unsubscribeCase } from '../../src/civic/subscriptions.js';
import { supportProposal } from '../../src/civic/support.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import type { Database } from '../../src/db/client.js';
import { cases, surveyAnswers } from '../../src/db/schema.js';
import { recordProjectRating } from '../../src/civic/evaluation.js';
import { satisfactionColumns } from '../../src/civic/satisfaction.js';
import { AppError } from '../../src/errors.js';
import type { DbKind } from '../helpers/db.js';
import { T0, caseRow, ctxAt, days, errorOf, eventsOf, forceStatus, openSeeded, outboxOf, photo, proposal, staff } from './fixtures.js';

const provider = { implementerKind: 'provider' as const, implementerName: '深圳市某某照明工程有限公司', contractAmount: 28_000_00, plannedStart: '2026-03-10', plannedEnd: '2026-04-10' };
const passed = { acceptedOn: '2026-03-02', acceptedBy: '沙白石村股份合作公司、街道城建办', result: 'passed' as const, notes: '30盏路灯全部亮灯' };
const refuse = () => {
  throw new AppError('forbidden', 'out of scope', { reason: 'out_of_scope' });
};

describe.each<DbKind>(['postgres', 'pglite'])('实施, 验收, 第三方评估 and 满意度调查 (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded(kind);
  });
  afterAll(() => database.close());
  const at = (status: string) => async () => {
    const id = await proposal(database.db, { openid: `o-${Math.random()}` });
    await forceStatus(database.db, id, status);
    return id;
  };

  it('实施信息: set from 公示 on, corrected later, refused before 公示, out of scope or unchanged', async () => {
    const { db } = database;
    const early = await at('approved')();
    expect((await errorOf(setDelivery(db, { caseId: early, ...provider, actor: staff }, ctxAt()))).code).toBe('bad_request');
    const id = await at('publicised')();
    expect((await errorOf(setDelivery(db, { caseId: id, ...provider, actor: staff, authorize: refuse }, ctxAt()))).code).toBe('forbidden');
    expect(await deliveryOf(db, id)).toBeNull();
    const first = await setDelivery(db, { caseId: id, ...provider, actor: staff }, ctxAt());
    expect(first.before).toBeNull();
    expect(await deliveryOf(db, id)).toMatchObject({ ...provider, actualStart: null, actualEnd: null });
    expect((await errorOf(setDelivery(db, { caseId: id, ...provider, actor: staff }, ctxAt()))).code).toBe('conflict');
    await forceStatus(db, id, 'implementing');
    const second = await setDelivery(db, { caseId: id, ...provider, actualStart: '2026-03-12', actor: staff }, ctxAt(days(1)));
    expect(second.before).toMatchObject({ actualStart: null });
    expect(await deliveryOf(db, id)).toMatchObject({ actualStart: '2026-03-12' });
    // the street itself, no contract; an end before the start is refused
    await setDelivery(db, { caseId: id, implementerKind: 'street', implementerName: '南头街道办事处', actor: staff }, ctxAt(days(2)));
    expect(await deliveryOf(db, id)).toMatchObject({ implementerKind: 'street', contractAmount: null });
    const bad = await errorOf(setDelivery(db, { caseId: id, ...provider, plannedEnd: '2026-03-01', actor: staff }, ctxAt()));
    expect(bad).toMatchObject({ code: 'bad_request' });
    expect(bad.message).toContain('plannedEnd');
    expect((await eventsOf(db, id)).filter((e) => e.type === 'delivery')).toHaveLength(3);
  });

  it('完成 needs the latest acceptance passed; the money paid goes to actualCost', async () => {
    const { db } = database;
    const id = await at('implementing')();
    const complete = () => transition(db, { caseId: id, to: 'completed', actor: staff, publicNote: '已完工', data: { actualCost: 27_500_00 } }, ctxAt());
    const none = await errorOf(complete());
    expect(none).toMatchObject({ code: 'bad_request', message: '完成前需要登记一次通过的验收' });
    await recordAcceptance(db, { caseId: id, ...passed, result: 'failed', notes: '有3盏灯不亮', actor: staff }, ctxAt());
    expect((await errorOf(complete())).code).toBe('bad_request');
    expect((await caseRow(db, id)).status).toBe('implementing');
    // a date in the future, out of scope: refused, nothing kept
    expect((await errorOf(recordAcceptance(db, { caseId: id, ...passed, acceptedOn: '2026-03-09', actor: staff }, ctxAt()))).code).toBe('bad_request');
    expect((await errorOf(recordAcceptance(db, { caseId: id, ...passed, actor: staff, authorize: refuse }, ctxAt()))).code).toBe('forbidden');
    const { acceptance } = await recordAcceptance(db, { caseId: id, ...passed, actor: staff }, ctxAt());
    expect((await acceptancesOf(db, id)).map((a) => a.result)).toEqual(['failed', 'passed']);
    const file = { path: '2026/03/acc.pdf', sha256: 'a'.repeat(64), bytes: 2048, contentType: 'application/pdf' };
    expect((await errorOf(attachAcceptanceDocument(db, { caseId: id, acceptanceId: acceptance.id, file, authorize: refuse }))).code).toBe('forbidden');
    expect(await attachAcceptanceDocument(db, { caseId: id, acceptanceId: acceptance.id, file })).toEqual({ replaced: null });
    expect((await errorOf(attachAcceptanceDocument(db, { caseId: id + 1000, acceptanceId: acceptance.id, file }))).code).toBe('not_found');
    await complete();
    expect(await caseRow(db, id)).toMatchObject({ status: 'completed', actualCost: 27_500_00 });
    // no acceptance once completed
    expect((await errorOf(recordAcceptance(db, { caseId: id, ...passed, actor: staff }, ctxAt()))).code).toBe('bad_request');
  });

  it('进度照片: added to a recorded milestone of the case, listed with it', async () => {
    const { db } = database;
    const id = await at('implementing')();
    const { milestoneId } = await addMilestone(db, { caseId: id, date: T0, note: '完成灯杆基础浇筑', percent: 40, photos: [photo(1)], actor: staff }, ctxAt());
    const other = await at('implementing')();
    expect((await errorOf(addMilestonePhoto(db, { caseId: other, milestoneId, photo: photo(2), actor: staff }, ctxAt()))).code).toBe('not_found');
    expect((await errorOf(addMilestonePhoto(db, { caseId: id, milestoneId, photo: photo(2), actor: staff, authorize: refuse }, ctxAt()))).code).toBe('forbidden');
    const { mediaId } = await addMilestonePhoto(db, { caseId: id, milestoneId, photo: photo(2), actor: staff }, ctxAt());
    const [m] = await milestonesOf(db, id);
    expect(m!.photoIds).toHaveLength(2);
    expect(m!.photoIds.at(-1)).toBe(mediaId);
  });

  it('第三方评估: on a completed project, score 0–100', async () => {
    const { db } = database;
    const early = await at('implementing')();
    const ev = { evaluator: '深圳市某某社会工作评估中心', evaluatedOn: '2026-03-01', score: 92, summary: '项目按期完成，居民满意度高' };
    expect((await errorOf(recordThirdPartyEvaluation(db, { caseId: early, ...ev, actor: staff }, ctxAt()))).code).toBe('bad_request');
    const id = await at('completed')();
    expect((await errorOf(recordThirdPartyEvaluation(db, { caseId: id, ...ev, score: 101, actor: staff }, ctxAt()))).code).toBe('bad_request');
    await recordThirdPartyEvaluation(db, { caseId: id, ...ev, actor: staff }, ctxAt());
    expect((await thirdPartyEvaluationsOf(db, id)).map((e) => e.score)).toEqual([92]);
  });

  it('满意度调查: beneficiaries are asked on completion and answer once each, changeably; 不满意 needs a reason', async () => {
    const { db } = database;
    const proposer = `o-proposer-${kind}`;
    const supporter = `o-supporter-${kind}`;
    const neighbour = `o-neighbour-${kind}`;
    const muted = `o-muted-${kind}`;
    const stranger = `o-stranger-${kind}`;
    const id = await proposal(db, { openid: proposer });
    await supportProposal(db, id, supporter, T0, { milestones: [50] });
    await supportProposal(db, id, muted, T0, { milestones: [50] });
    await unsubscribeCase(db, id, muted);
    for (const o of [neighbour, stranger]) await ensureResident(db, o, T0);
    await subscribeCommunity(db, 'shabaishi', neighbour, T0);
    await forceStatus(db, id, 'implementing');
    expect((await errorOf(answerSurvey(db, { caseId: id, openid: proposer, answer: 'satisfied' }, ctxAt()))).message).toBe(`#${id} 还没有完成，完成后再来评价吧`);
    await recordAcceptance(db, { caseId: id, ...passed, actor: staff }, ctxAt());
    const before = (await outboxOf(db, id)).length;
    await transition(db, { caseId: id, to: 'completed', actor: staff, publicNote: '已完工', data: { actualCost: 1 } }, ctxAt());
    const asks = (await outboxOf(db, id)).slice(before).filter((o) => o.idempotencyKey.startsWith('survey:'));
    expect(asks.map((o) => o.openid).sort()).toEqual([neighbour, proposer, supporter].sort());
    expect(String((asks[0]!.payload as { publicNote: string }).publicNote)).toContain(`满意 ${id}`);

    expect((await errorOf(answerSurvey(db, { caseId: id, openid: stranger, answer: 'satisfied' }, ctxAt()))).code).toBe('forbidden');
    expect((await errorOf(answerSurvey(db, { caseId: id, openid: proposer, answer: 'dissatisfied' }, ctxAt()))).message).toBe('请说说不满意的理由');
    expect(await answerSurvey(db, { caseId: id, openid: proposer, answer: 'satisfied' }, ctxAt())).toEqual({ previous: null });
    expect(await answerSurvey(db, { caseId: id, openid: proposer, answer: 'fair' }, ctxAt(days(1)))).toEqual({ previous: 'satisfied' });
    await answerSurvey(db, { caseId: id, openid: supporter, answer: 'dissatisfied', reason: '东头还有一段没装' }, ctxAt());
    await answerSurvey(db, { caseId: id, openid: muted, answer: 'satisfied' }, ctxAt());
    expect(await surveyTally(db, id)).toEqual({ satisfied: 1, fair: 1, dissatisfied: 1, reasons: ['东头还有一段没装'] });
    expect(await db.select().from(surveyAnswers).where(eq(surveyAnswers.caseId, id))).toHaveLength(3);

    // the 报表's satisfaction: the survey where it has answers (满意 and 基本满意 satisfied), the 评议 scores elsewhere
    await recordProjectRating(db, { caseId: id, openid: proposer, score: 1 }, ctxAt());
    const rated = await proposal(db, { openid: `o-rated-${kind}` });
    await forceStatus(db, rated, 'completed');
    await recordProjectRating(db, { caseId: rated, openid: `o-rated-${kind}`, score: 5 }, ctxAt());
    const figures = (caseId: number) => db.select(satisfactionColumns()).from(cases).where(eq(cases.id, caseId));
    expect(await figures(id)).toEqual([{ rated: '3', satisfied: '2' }]);
    expect(await figures(rated)).toEqual([{ rated: '1', satisfied: '1' }]);
  });
});
