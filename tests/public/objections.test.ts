import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { answerObjection, listObjections, raiseObjection } from '../../src/civic/objections.js';
import type { Database } from '../../src/db/client.js';
import { ctxAt, openSeeded, proposal, staff } from '../civic/fixtures.js';
import { days, NOW, startPages, type PagesServer } from './fixtures.js';

/**
 * 公示异议 on a project's public page (issue 14, item 4): while 公示 runs the page says how to raise
 * one (the bot; no form here), and lists every objection with its answer, without who raised it,
 * who answered, or a phone number or name in the words.
 */
describe('public page: 公示异议 without identity', () => {
  let database: Database;
  let srv: PagesServer;
  beforeAll(async () => {
    database = await openSeeded();
    srv = await startPages({ db: database.db, now: () => NOW });
  });
  afterAll(async () => {
    await srv.close();
    await database.close();
  });

  /** in 公示 from days(10) to days(17); NOW is days(12) */
  const publicised = async () => {
    const { db } = database;
    const p = await proposal(db, { openid: 'o-PROPOSER', communityId: 'tengshan', title: '小区门口加装雨棚' });
    await transition(db, { caseId: p, to: 'reviewing', actor: staff }, ctxAt(days(1)));
    await transition(db, { caseId: p, to: 'approved', actor: staff, data: { approvedCost: 10_000_00, batch: '2026年第一批' } }, ctxAt(days(2)));
    await transition(db, { caseId: p, to: 'publicised', actor: staff, data: { publicityStart: days(10), publicityEnd: days(17) } }, ctxAt(days(10)));
    return p;
  };

  it('says how to object while 公示 runs, and shows none yet', async () => {
    const p = await publicised();
    const page = (await srv.get(`/c/${p}`)).text;
    expect(page).toContain('公示异议');
    expect(page).toContain(`有不同意见：在公众号回复 异议 ${p} 和理由`);
    expect(page).toContain('还没有收到异议。');
    expect(page).not.toContain('<form');
  });

  it('lists objections and answers, masked, with no openid or staff id', async () => {
    const { db } = database;
    const p = await publicised();
    await raiseObjection(db, { caseId: p, openid: 'o-SECRET-objector-1', reason: '这个位置会挡住消防通道，我是3栋502的张桂兰 13300133000' }, ctxAt(days(11)));
    await raiseObjection(db, { caseId: p, openid: 'o-SECRET-objector-2', reason: '施工太吵' }, ctxAt(days(11.5)));
    const [first] = await listObjections(db, p);
    await answerObjection(db, { caseId: p, objectionId: first!.id, accepted: false, answer: '消防部门确认通道宽度足够', actor: { type: 'staff', id: 'STAFF-SECRET-7' } }, ctxAt(days(11.8)));
    const page = (await srv.get(`/c/${p}`)).text;
    expect(page).toContain('这个位置会挡住消防通道');
    expect(page).toContain('未采纳');
    expect(page).toContain('答复：消防部门确认通道宽度足够');
    expect(page).toContain('施工太吵');
    expect(page).toContain('待答复');
    for (const secret of ['o-SECRET', 'STAFF-SECRET', '13300133000', '张桂兰', '502']) expect(page, secret).not.toContain(secret);
  });
});
