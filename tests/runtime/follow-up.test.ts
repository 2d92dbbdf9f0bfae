import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate, recordAcceptance, transition } from '../../src/civic/index.js';
import { caseEvents, cases, keywordReplies } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { KEYWORD_REPLIES_CHANGED } from '../../src/vocabulary/keyword-replies-changed.js';
import { readFollowUps } from '../../src/state/follow-ups.js';
import { keys } from '../../src/state/keys.js';
import { resident } from '../helpers/chat.js';
import { BOTH_SETUPS, startServiceOn } from '../helpers/service.js';

const staff = { type: 'staff' as const, id: '1' };

describe.each(BOTH_SETUPS)('following up a case — $name', ({ real }) => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startServiceOn(real);
  });
  afterAll(() => svc.stop());

  async function fileReport(openid: string): Promise<number> {
    const r = resident(svc, openid);
    await r.follow('community_daxin');
    for (const t of ['报修', '1', '大新路口路灯不亮好几天了']) await r.say(t);
    await r.at(22.53, 113.92, '大新路口');
    await r.say('跳过');
    await r.say('跳过');
    return Number(/#(\d+)/.exec(await r.say('1'))![1]);
  }

  async function resolve(caseId: number) {
    const now = new Date();
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    if (row!.status === 'submitted') await transition(svc.database.db, { caseId, to: 'accepted', actor: staff, data: { assignee: '大新社区工作站' } }, { now });
    const [again] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    if (again!.status === 'accepted') await transition(svc.database.db, { caseId, to: 'in_progress', actor: staff }, { now });
    await transition(svc.database.db, { caseId, to: 'resolved', actor: staff, publicNote: '已更换灯泡' }, { now });
  }

  async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
    for (let i = 0; i < 200; i++) {
      svc.push?.wake();
      const v = await probe();
      if (v !== undefined) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`never happened: ${what}`);
  }

  /** the push asking about the case reached the resident: their next message may answer it */
  const asked = (openid: string, caseId: number, ask: string) =>
    until(async () => {
      const open = readFollowUps(await svc.store.get(keys.followUps(openid)), new Date());
      return open.some((f) => f.caseId === caseId && f.ask === ask) ? true : undefined;
    }, `the push asking ${ask} about #${caseId} delivered`);

  it('reopens a resolved report on "not solved" with the resident’s words, and closes it on "1"', async () => {
    const openid = `oFb${randomBytes(3).toString('hex')}`;
    const caseId = await fileReport(openid);
    await resolve(caseId);
    await asked(openid, caseId, 'feedback');
    const r = resident(svc, openid);
    expect(await r.say('没修好，灯还是不亮')).toContain('重新处理');
    const [reopened] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(reopened!.status).toBe('in_progress');
    const notes = await svc.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId));
    expect(notes.some((e) => e.publicNote?.includes('灯还是不亮'))).toBe(true);
    await transition(svc.database.db, { caseId, to: 'resolved', actor: staff, publicNote: '更换了线路' }, { now: new Date() });
    await asked(openid, caseId, 'feedback');
    expect(await r.say('1')).toContain('谢谢您的评价');
    const [closed] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(closed!.status).toBe('closed');
    // with nothing awaiting feedback, "1" is just a message the bot explains
    expect(await r.say('1')).toContain('报修');
  });

  it('reads 「修好了，谢谢」 after 问题解决了吗 as solved (issue 12), not as something to answer with help', async () => {
    const openid = `oFs${randomBytes(3).toString('hex')}`;
    const caseId = await fileReport(openid);
    await resolve(caseId);
    await asked(openid, caseId, 'feedback');
    expect(await resident(svc, openid).say('修好了，谢谢')).toContain('谢谢您的评价');
    const [closed] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(closed!.status).toBe('closed');
  });

  it('a message that is not an answer to 问题解决了吗 is not swallowed: it starts a report, and the question stays open', async () => {
    const openid = `oFbNot${randomBytes(3).toString('hex')}`;
    const caseId = await fileReport(openid);
    await resolve(caseId);
    await asked(openid, caseId, 'feedback');
    const r = resident(svc, openid);
    expect(await r.say('路灯又坏了好几天了')).toContain('在哪里');
    const [still] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(still!.status).toBe('resolved');
    expect(await r.say('取消')).toContain('已取消');
    // the question is still open: 1 answers it
    expect(await r.say('1')).toContain('谢谢您的评价');
    const [closed] = await svc.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(closed!.status).toBe('closed');
  });

  it('pushes each public step to the resident as a template message, asking 问题解决了吗 when resolved', async () => {
    const openid = `oPush${randomBytes(3).toString('hex')}`;
    const caseId = await fileReport(openid);
    await resolve(caseId);
    const recorder = svc.simulator!.recorder;
    const pushes = await until(() => {
      const got = recorder.delivered({ openid, api: 'message/template/send' });
      return got.length >= 3 ? got : undefined;
    }, 'three template pushes');
    const bodies = pushes.map((p) => JSON.stringify(p.body));
    expect(bodies[0]).toContain('已受理');
    expect(bodies.at(-1)).toContain('已办结');
    expect(bodies.at(-1)).toContain('问题解决了吗');
    expect(bodies.at(-1)).toContain(`/c/${caseId}`);
  });

  it('asks the followers of a completed project for a 评议 score and records it', async () => {
    const openid = `oRate${randomBytes(3).toString('hex')}`;
    const r = resident(svc, openid);
    await r.follow('community_nantoucheng');
    for (const t of ['提议', '巷道加装路灯', '5巷晚上没有灯，老人走路容易摔倒，希望装10盏路灯', '1', '5巷两百多户居民']) await r.say(t);
    for (const t of ['跳过', '2万', '跳过']) await r.say(t);
    const caseId = Number(/#(\d+)/.exec(await r.say('1'))![1]);
    const now = new Date();
    const move = (to: string, extra: Record<string, unknown> = {}) =>
      transition(svc.database.db, { caseId, to, actor: staff, ...extra }, { now: new Date() });
    await move('reviewing');
    await move('approved', { data: { approvedCost: 1_800_000, batch: '2026年第一批' } });
    // the service runs on the real clock: a 公示 that ended as it was entered lets 开始实施 follow at once
    await move('publicised', { data: { publicityStart: new Date(now.getTime() - 7 * 86_400_000), publicityEnd: now } });
    await move('implementing');
    await recordAcceptance(svc.database.db, { caseId, acceptedOn: chinaDate(new Date()), acceptedBy: '街道城建办', result: 'passed', notes: '10盏路灯已安装', actor: staff }, { now: new Date() });
    await move('completed', { data: { actualCost: 1_750_000 } });
    const pushes = await until(() => {
      const got = svc.simulator!.recorder.delivered({ openid, api: 'message/template/send' });
      return got.some((p) => JSON.stringify(p.body).includes('评议')) ? got : undefined;
    }, 'a push asking for a score');
    expect(pushes.length).toBeGreaterThanOrEqual(5);
    await asked(openid, caseId, 'rating');
    expect(await r.say('5 装得很好')).toContain('打了 5 分');
    // answered: a second score is just a message
    expect(await r.say('4')).not.toContain('打了');
    const page = await (await fetch(`${svc.url}/c/${caseId}`)).text();
    expect(page).toContain('平均 <strong>5.0</strong> 分');
    expect(page).not.toContain('装得很好');
  });

  it('answers staff-defined keywords, exact and prefix', async () => {
    await svc.database.db.insert(keywordReplies).values([
      { keyword: '电费', match: 'prefix', replyType: 'text', content: { text: '查询电费请拨打 95598，或在“南网在线”查询。' } },
      { keyword: '摇号', match: 'exact', replyType: 'news', content: { title: '摇号结果', description: '最新申请结果', url: 'https://example.gov.cn/yaohao' } },
    ]);
    await svc.store.publish(KEYWORD_REPLIES_CHANGED, 'test');
    await new Promise((r) => setTimeout(r, 50));
    const r = resident(svc, `oKw${randomBytes(3).toString('hex')}`);
    expect(await r.say('电费')).toContain('95598');
    expect(await r.say('电费怎么查')).toContain('95598');
    expect(await r.say('摇号')).toBe('news');
    expect(await r.say('摇号什么时候')).not.toBe('news');
  });
});

describe('housekeeping', () => {
  it('closes a resolved report whose resident never answered, after the set days', async () => {
    const { openTestDatabase } = await import('../helpers/db.js');
    const { startHousekeeping } = await import('../../src/runtime/housekeeping.js');
    const { silentLogger } = await import('../../src/log.js');
    const database = await openTestDatabase();
    try {
      const db = database.db;
      const { seedCommunities, submitReport } = await import('../../src/civic/index.js');
      await seedCommunities(db);
      const t0 = new Date('2026-03-02T02:00:00Z');
      const { caseId } = await submitReport(db, { openid: 'oQuiet', sourceKey: 's1', category: 'road', description: '路面有坑', communityId: 'daxin' }, { now: t0 });
      await transition(db, { caseId, to: 'accepted', actor: staff, data: { assignee: '工作站' } }, { now: t0 });
      await transition(db, { caseId, to: 'resolved', actor: staff, publicNote: '已修补' }, { now: t0 });
      let now = new Date(t0.getTime() + 3 * 86_400_000);
      const hk = startHousekeeping({ db, logger: silentLogger, closeAfterDays: 7, now: () => now });
      expect(await hk.runOnce()).toEqual([]);
      now = new Date(t0.getTime() + 8 * 86_400_000);
      expect(await hk.runOnce()).toEqual([caseId]);
      hk.stop();
      const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
      expect(row!.status).toBe('closed');
    } finally {
      await database.close();
    }
  });
});
