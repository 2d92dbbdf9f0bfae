import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCasePublic, listPublicised, listResidentCases } from '../../src/civic/lookup.js';
import { addMilestone } from '../../src/civic/lifecycle/milestones.js';
import { addNote, recordObjection } from '../../src/civic/lifecycle/notes.js';
import { answerObjection, listObjections } from '../../src/civic/objections.js';
import { transferCase } from '../../src/civic/lifecycle/transfer.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { subscribeCase } from '../../src/civic/follow.js';
import { unsubscribeCase } from '../../src/civic/subscriptions.js';
import type { Database } from '../../src/db/client.js';
import { cases } from '../../src/db/schema.js';
import { caseRow, ctxAt, days, errorOf, eventsOf, forceStatus, openSeeded, outboxOf, photo, proposal, report, staff, T0 } from './fixtures.js';

describe('lookups, notes, milestones, transfers', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
  });
  afterAll(() => database.close());

  it('the public view of a report has the facts and nothing private', async () => {
    const { db } = database;
    const id = await report(db, {
      openid: 'o-secret-openid',
      phone: '13912345678',
      description: '路灯不亮，联系我13912345678',
      photos: [photo(1)],
    });
    await transition(
      db,
      { caseId: id, to: 'accepted', actor: staff, publicNote: '已派单', internalNote: 'INTERNAL-张工手机', data: { assignee: '城管办-王五' } },
      ctxAt(days(0.1)),
    );
    await addNote(db, { caseId: id, actor: staff, internalNote: 'INTERNAL-只给内部看' }, ctxAt(days(0.2)));
    await transition(db, { caseId: id, to: 'in_progress', actor: staff, publicNote: '维修人员已出发' }, ctxAt(days(0.3)));
    await transferCase(db, { caseId: id, actor: staff, department: '供电局', internalNote: 'INTERNAL-转办原因' }, ctxAt(days(0.4)));

    const pub = await getCasePublic(db, id);
    const text = JSON.stringify(pub);
    for (const secret of ['o-secret-openid', '13912345678', 'INTERNAL', '王五']) expect(text).not.toContain(secret);
    expect(pub).toMatchObject({
      number: id,
      kind: 'report',
      kindLabel: '报修',
      status: 'in_progress',
      statusLabel: '处理中',
      category: 'streetlight',
      categoryName: '路灯照明',
      // the resident's words and typed place wait for a staff member to approve a public text
      description: '',
      textPending: true,
      community: { id: 'nantoucheng', name: '南头城社区', streetName: '南头街道', district: '南山区' },
      locationLabel: null,
      supporters: 1,
      photoCount: 0, // the resident's photo waits for staff review before it is public
      budget: null,
      rating: null,
    });
    expect(pub.createdAt.toISOString()).toBe(T0.toISOString());
    // approved (console/cases/public-text.ts): that text, and the typed place masked by rule
    await db.update(cases).set({ publicText: '中山南街路灯不亮' }).where(eq(cases.id, id));
    expect(await getCasePublic(db, id)).toMatchObject({ description: '中山南街路灯不亮', textPending: false, locationLabel: '中山南街 12 号' });
    expect(pub.acceptedAt!.toISOString()).toBe(days(0.1).toISOString());
    expect(pub.dueAt).not.toBeNull();
    expect(pub.timeline.map((t) => [t.type, t.statusLabel, t.note])).toEqual([
      ['transferred', null, '已转交供电局办理'],
      ['status_changed', '处理中', '维修人员已出发'],
      ['status_changed', '已受理', '已派单'],
    ]);
    expect((await errorOf(getCasePublic(db, 99999))).code).toBe('not_found');
  });

  it('public notes are pushed, internal notes are not; transfers keep the status', async () => {
    const { db } = database;
    const id = await report(db, { openid: 'o-n' });
    await subscribeCase(db, id, 'o-f', T0);
    const internal = await addNote(db, { caseId: id, actor: staff, internalNote: '内部' }, ctxAt());
    expect(internal.queued).toBe(0);
    const pub = await addNote(db, { caseId: id, actor: staff, publicNote: '已联系物业' }, ctxAt());
    expect(pub.queued).toBe(2);
    const rows = await outboxOf(db, id);
    expect(rows.map((r) => [r.openid, r.kind, r.idempotencyKey])).toEqual([
      ['o-f', 'case_update', `update:${pub.eventId}:o-f`],
      ['o-n', 'case_update', `update:${pub.eventId}:o-n`],
    ]);
    expect(rows[0]!.payload).toMatchObject({ update: 'note', publicNote: '已联系物业', statusLabel: '已提交' });
    // a resident's own note reaches the others, not themself; strangers may not add notes
    const mine = await addNote(db, { caseId: id, actor: { type: 'resident', id: 'o-n' }, publicNote: '补充：灯杆编号 A12' }, ctxAt());
    expect(mine.queued).toBe(1);
    expect((await errorOf(addNote(db, { caseId: id, actor: { type: 'resident', id: 'o-x' }, publicNote: 'x' }, ctxAt()))).code).toBe('forbidden');
    expect((await errorOf(addNote(db, { caseId: id, actor: staff }, ctxAt()))).code).toBe('bad_request');
    // transfer only while accepted or in progress
    expect((await errorOf(transferCase(db, { caseId: id, actor: staff, department: '水务局' }, ctxAt()))).code).toBe('bad_request');
    await transition(db, { caseId: id, to: 'accepted', actor: staff, data: { assignee: '城管办' } }, ctxAt());
    const t = await transferCase(db, { caseId: id, actor: staff, department: '水务局', from: 'accepted' }, ctxAt());
    expect(t.queued).toBe(2);
    expect(await caseRow(db, id)).toMatchObject({ status: 'accepted', assignee: '水务局' });
    expect((await eventsOf(db, id)).at(-1)).toMatchObject({ type: 'transferred', data: { fromAssignee: '城管办', toAssignee: '水务局' } });
    expect((await errorOf(transferCase(db, { caseId: id, actor: staff, department: 'x', from: 'submitted' }, ctxAt()))).code).toBe('conflict');
  });

  it('projects: milestones, budget, publicity, objections', async () => {
    const { db } = database;
    const id = await proposal(db, { openid: 'o-pp', communityId: 'caotangwan', title: '红歌传唱学堂', projectType: '服务类' });
    expect((await errorOf(addMilestone(db, { caseId: id, actor: staff, date: T0, note: '开工', percent: 10 }, ctxAt()))).code).toBe('bad_request');
    await forceStatus(db, id, 'reviewing');
    await transition(db, { caseId: id, to: 'approved', actor: staff, data: { approvedCost: 2_000_000, batch: '2026-1' } }, ctxAt());
    const pubData = { publicityStart: days(1), publicityEnd: days(8) };
    await transition(db, { caseId: id, to: 'publicised', actor: staff, data: pubData }, ctxAt());
    expect(await listPublicised(db, 'caotangwan', T0)).toEqual([]); // not started yet
    const listed = await listPublicised(db, 'caotangwan', days(3));
    expect(listed).toMatchObject([{ number: id, title: '红歌传唱学堂', projectType: '服务类', approvedCost: 2_000_000, batch: '2026-1' }]);
    expect(await listPublicised(db, 'caotangwan', days(9))).toEqual([]);
    expect(await listPublicised(db, 'bayi', days(3))).toEqual([]);
    await recordObjection(db, { caseId: id, openid: 'o-obj', text: 'OBJECTION-场地太小' }, ctxAt(days(2)));
    // an objection open keeps it from 开始实施 (tests/civic/objections.test.ts); answered, it may start
    const [objection] = await listObjections(db, id);
    await answerObjection(db, { caseId: id, objectionId: objection!.id, accepted: false, answer: '场地已核实', actor: staff }, ctxAt(days(9)));
    await transition(db, { caseId: id, to: 'implementing', actor: staff }, ctxAt(days(9)));
    expect((await errorOf(recordObjection(db, { caseId: id, openid: 'o-obj', text: '晚了' }, ctxAt()))).code).toBe('bad_request');
    const m1 = await addMilestone(db, { caseId: id, actor: staff, date: days(10), note: '第一期开课', percent: 30, photos: [photo(5)] }, ctxAt(days(10)));
    expect(m1.queued).toBe(1);
    await addMilestone(db, { caseId: id, actor: staff, date: days(20), note: '过半', percent: 60 }, ctxAt(days(20)));
    expect((await errorOf(addMilestone(db, { caseId: id, actor: staff, date: days(20), note: 'x', percent: 101 }, ctxAt()))).code).toBe('bad_request');
    const pub = await getCasePublic(db, id);
    expect(JSON.stringify(pub)).not.toContain('OBJECTION');
    expect(JSON.stringify(pub)).not.toContain('o-obj');
    expect(pub).toMatchObject({
      kindLabel: '微实事',
      statusLabel: '实施中',
      title: '红歌传唱学堂',
      budget: { estimated: 30_000_00, approved: 2_000_000, spent: null },
      batch: '2026-1',
      progress: 60,
      rating: { average: null, count: 0 },
      photoCount: 1,
    });
    expect(pub.milestones.map((m) => [m.note, m.percent])).toEqual([
      ['第一期开课', 30],
      ['过半', 60],
    ]);
    expect(pub.publicity!.end.toISOString()).toBe(days(8).toISOString());
    expect(pub.timeline[0]).toMatchObject({ type: 'milestone', note: '过半' });
    // its 主题, once staff set one, by name (the bot's 查询 and the public page show it)
    expect(pub.themeName).toBeNull();
    await db.update(cases).set({ theme: 'heritage' }).where(eq(cases.id, id));
    expect((await getCasePublic(db, id)).themeName).toBe('文化传承');
  });

  it("lists a resident's cases, authored and followed, newest first", async () => {
    const { db } = database;
    const a = await report(db, { openid: 'o-list' }, days(1));
    const b = await proposal(db, { openid: 'o-list' }, days(2));
    const c = await report(db, { openid: 'o-else', description: '别人的事' }, days(3));
    await subscribeCase(db, c, 'o-list', days(3));
    await report(db, { openid: 'o-else' }, days(4));
    const list = await listResidentCases(db, 'o-list');
    expect(list.map((x) => [x.number, x.role, x.statusLabel])).toEqual([
      [c, 'follower', '已提交'],
      [b, 'author', '已征集'],
      [a, 'author', '已提交'],
    ]);
    expect(list[0]!.title).toBe('路灯照明：别人的事');
    await unsubscribeCase(db, c, 'o-list');
    await unsubscribeCase(db, a, 'o-list'); // an author who unsubscribes still sees their own case
    expect((await listResidentCases(db, 'o-list')).map((x) => x.number)).toEqual([b, a]);
  });
});
