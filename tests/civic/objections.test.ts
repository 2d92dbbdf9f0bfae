import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { answerObjection, listObjections, objectionWindow, raiseObjection } from '../../src/civic/objections.js';
import type { Database } from '../../src/db/client.js';
import type { DbKind } from '../helpers/db.js';
import { at, caseRow, errorOf, eventsOf, forceStatus, openSeeded, outboxOf, proposal, staff } from './fixtures.js';

const dayStart = (d: string) => at(`${d}T00:00:00+08:00`);
const dayEnd = (d: string) => at(`${d}T23:59:59.999+08:00`);
/** a project in 公示 from 12月7日 to 12月13日 */
const START = dayStart('2026-12-07');
const END = dayEnd('2026-12-13');
const DURING = at('2026-12-09T10:00:00+08:00');
const AFTER = at('2026-12-14T09:00:00+08:00');

describe.each<DbKind>(['postgres', 'pglite'])('公示异议 (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded(kind);
  });
  afterAll(() => database.close());

  const publicised = async () => {
    const p = await proposal(database.db, { openid: 'o-proposer' }, START);
    await forceStatus(database.db, p, 'publicised', { approvedCost: 30_000_00, batch: '2026年第二批', publicityStart: START, publicityEnd: END });
    return p;
  };
  const implement = (p: number, now = AFTER) => transition(database.db, { caseId: p, to: 'implementing', actor: staff }, { now });

  it('「异议 12 这个位置会挡住消防通道」: kept open, cleaned, and 开始实施 refused until it is answered', async () => {
    const p = await publicised();
    await raiseObjection(database.db, { caseId: p, openid: 'o-objector', reason: '这个位置会挡住消防通道 <b>见 evil.example</b>' }, { now: DURING });
    const [o] = await listObjections(database.db, p);
    expect(o).toMatchObject({ status: 'open', reason: '这个位置会挡住消防通道 ＜b＞见 evil[.]example＜/b＞', answer: null });
    const e = await errorOf(implement(p));
    expect(e.message).toBe('还有 1 条异议没有答复，答复后才能开始实施');
    expect((await caseRow(database.db, p)).status).toBe('publicised');
  });

  it('while 公示 runs the end is named first, even with an objection open', async () => {
    const p = await publicised();
    await raiseObjection(database.db, { caseId: p, openid: 'o-objector', reason: '太吵' }, { now: DURING });
    expect((await errorOf(implement(p, DURING))).message).toBe('公示到 12月13日 结束，结束后才能开始实施');
  });

  it('不采纳 needs a reason; with one the objection is public, the objector pushed, and 开始实施 allowed', async () => {
    const p = await publicised();
    const { objectionId } = await raiseObjection(database.db, { caseId: p, openid: 'o-objector', reason: '挡住消防通道' }, { now: DURING });
    expect((await errorOf(answerObjection(database.db, { caseId: p, objectionId, accepted: false, actor: staff }, { now: DURING }))).code).toBe('bad_request');
    await answerObjection(database.db, { caseId: p, objectionId, accepted: false, answer: '已与消防部门确认，通道宽度足够', actor: staff }, { now: DURING });
    const [o] = await listObjections(database.db, p);
    expect(o).toMatchObject({ status: 'rejected', answer: '已与消防部门确认，通道宽度足够' });
    const pushes = (await outboxOf(database.db, p)).filter((x) => x.openid === 'o-objector');
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.payload).toMatchObject({ publicNote: '您提出的异议未被采纳，理由：已与消防部门确认，通道宽度足够' });
    // answered once only
    expect((await errorOf(answerObjection(database.db, { caseId: p, objectionId, accepted: true, actor: staff }, { now: DURING }))).code).toBe('conflict');
    await implement(p);
    expect((await caseRow(database.db, p)).status).toBe('implementing');
  });

  it('采纳 sends the project back to review by the lifecycle edge (recorded as a move) and pushes the objector', async () => {
    const p = await publicised();
    const { objectionId } = await raiseObjection(database.db, { caseId: p, openid: 'o-objector', reason: '挡住消防通道' }, { now: DURING });
    const r = await answerObjection(database.db, { caseId: p, objectionId, accepted: true, actor: staff }, { now: DURING });
    expect(r).toEqual({ status: 'accepted', moved: true });
    expect((await caseRow(database.db, p)).status).toBe('reviewing');
    const move = (await eventsOf(database.db, p)).find((e) => e.type === 'status_changed' && e.toStatus === 'reviewing');
    expect(move).toMatchObject({ fromStatus: 'publicised', publicNote: '采纳公示期间的异议，项目退回重新审核' });
    const pushes = (await outboxOf(database.db, p)).filter((x) => x.openid === 'o-objector');
    expect(pushes.map((x) => (x.payload as { publicNote: string }).publicNote)).toEqual(['您提出的异议已被采纳：采纳公示期间的异议，项目退回重新审核']);
  });

  it('back to review, the other open objections are closed with it (and their objectors told); the next 公示 starts clean', async () => {
    const p = await publicised();
    const first = await raiseObjection(database.db, { caseId: p, openid: 'o-first', reason: '挡住消防通道' }, { now: DURING });
    await raiseObjection(database.db, { caseId: p, openid: 'o-second', reason: '施工太吵' }, { now: DURING });
    await answerObjection(database.db, { caseId: p, objectionId: first.objectionId, accepted: true, actor: staff }, { now: DURING });
    const row = await caseRow(database.db, p);
    expect(row).toMatchObject({ status: 'reviewing', publicityStart: null, publicityEnd: null });
    expect((await listObjections(database.db, p)).map((o) => o.status)).toEqual(['accepted', 'superseded']);
    const told = (await outboxOf(database.db, p)).filter((x) => x.openid === 'o-second');
    expect(told.map((x) => (x.payload as { publicNote: string }).publicNote)).toEqual(['项目已退回重新审核，您的异议会一并考虑；重新公示时可以再提。']);
    expect(told.map((x) => (x.payload as { publicNote: string }).publicNote)).toHaveLength(1);
    // approved and publicised again: the earlier objections no longer hold up 开始实施
    const again = dayStart('2026-12-15');
    await forceStatus(database.db, p, 'publicised', { publicityStart: again, publicityEnd: dayEnd('2026-12-21') });
    await implement(p, at('2026-12-22T09:00:00+08:00'));
    expect((await caseRow(database.db, p)).status).toBe('implementing');
  });

  it('sent back by staff without an objection being accepted, open objections close the same way', async () => {
    const p = await publicised();
    await raiseObjection(database.db, { caseId: p, openid: 'o-third', reason: '位置不合适' }, { now: DURING });
    await transition(database.db, { caseId: p, to: 'reviewing', actor: staff, publicNote: '预算需要重新核定' }, { now: DURING });
    expect((await listObjections(database.db, p)).map((o) => o.status)).toEqual(['superseded']);
  });

  it('objections are taken only during 公示', async () => {
    const p = await publicised();
    expect((await errorOf(raiseObjection(database.db, { caseId: p, openid: 'o-late', reason: '晚了' }, { now: AFTER }))).message).toBe('公示已经结束，异议只在公示期间受理');
    const before = await proposal(database.db, {}, START);
    expect((await errorOf(raiseObjection(database.db, { caseId: before, openid: 'o-early', reason: '早了' }, { now: DURING }))).code).toBe('bad_request');
    expect(objectionWindow(await caseRow(database.db, before), DURING)).toEqual({ state: 'before' });
    expect(objectionWindow(await caseRow(database.db, p), AFTER)).toEqual({ state: 'ended', end: END });
    expect(await listObjections(database.db, p)).toEqual([]);
  });
});
