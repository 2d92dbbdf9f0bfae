import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseMedia, cases, conversations, messages, subscriptions } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { BOTH_SETUPS, startServiceOn } from '../helpers/service.js';

/** The bot end to end through the simulator, on the embedded stores and on real Redis + PostgreSQL. */
const caseNumber = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);

describe.each(BOTH_SETUPS)('the bot — $name', ({ real }) => {
  let svc: Service;
  let clock = Date.now();
  let n = 0;
  const someone = () => resident(svc, `oRes${randomBytes(3).toString('hex')}${++n}`);

  beforeAll(async () => {
    svc = await startServiceOn(real, { now: () => new Date(clock) });
  });
  afterAll(() => svc.stop());

  it('files a report with location and photo, gives a number, and answers 查询 with its status', async () => {
    const r = someone();
    expect(await r.follow('community_nantoucheng')).toContain('南头城社区');
    expect(await r.say('报修')).toContain('哪一类问题');
    expect(await r.say('1')).toContain('描述');
    expect(await r.say('3栋门口的路灯晚上不亮好几天了')).toContain('在哪里');
    expect(await r.at(22.5437, 113.9305, '南头古城3栋')).toContain('照片');
    expect(await r.photo()).toContain('已收到第 1 张照片');
    expect(await r.say('好了')).toContain('电话');
    const confirm = await r.say('13812345678');
    expect(confirm).toContain('请核对');
    expect(confirm).toContain('南头古城3栋');
    const filed = await r.say('1');
    expect(filed).toContain('提交成功');
    const number = caseNumber(filed);
    expect(number).toBeGreaterThan(0);
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, number));
    expect(row).toMatchObject({ kind: 'report', status: 'submitted', category: 'streetlight', communityId: 'nantoucheng', phone: '13812345678' });
    expect(row!.lat).toBeCloseTo(22.5437);
    const media = await svc.database.db.select().from(caseMedia).where(eq(caseMedia.caseId, number));
    expect(media).toHaveLength(1);
    const status = await r.say(`查询 ${number}`);
    expect(status).toContain(`#${number}`);
    expect(status).toContain('已提交');
    expect(await r.say('我的')).toContain(`#${number}`);
  });

  it('asks a resident with no community where the problem is, and remembers it', async () => {
    const r = someone();
    await r.follow();
    for (const t of ['报修', '2', '人行道地砖翘起来了容易绊倒']) await r.say(t);
    // an address that names no community: asked (a community's name answers it at once)
    expect(await r.say('小区北门路口')).toContain('哪个街道');
    expect(await r.say('平山')).toContain('照片');
    await r.say('跳过');
    await r.say('跳过');
    const number = caseNumber(await r.say('1'));
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, number));
    expect(row).toMatchObject({ communityId: 'pingshan', locationLabel: '小区北门路口' });
    // remembered: the next place that names nothing is taken to be at home
    for (const t of ['报修', '2', '路面有个大坑下雨积水']) await r.say(t);
    expect(await r.say('村口那条路')).toContain('照片');
  });

  it('starts a report from free text with the category filled in', async () => {
    const r = someone();
    await r.follow('community_tongle');
    const reply = await r.say('我家楼下路灯坏了好几天了，晚上黑乎乎的');
    expect(reply).toContain('在哪里');
  });

  it('answers a digression and asks the pending question again', async () => {
    const r = someone();
    await r.follow('community_daxin');
    await r.say('报修');
    await r.say('2');
    const reply = await r.say('查询 99999');
    expect(reply).toContain('没有找到编号 99999');
    expect(reply).toContain('描述');
  });

  it('asks before cancelling a half-filled report, and keeps going on 2', async () => {
    const r = someone();
    await r.follow('community_daxin');
    await r.say('报修');
    await r.say('3');
    const ask = await r.say('取消');
    expect(ask).toContain('确定要取消');
    expect(await r.say('2')).toContain('描述');
    await r.say('取消');
    expect(await r.say('1')).toContain('已取消');
    expect(await r.say('取消')).toContain('需要时回复');
  });

  it('re-prompts a photo sent where a location was asked, and a bad phone number, then offers a person', async () => {
    const r = someone();
    await r.follow('community_daxin');
    await r.say('报修');
    await r.say('3');
    await r.say('小区门口垃圾堆了三天没人收');
    // a photo where a location was asked: kept for the report (the photo question is not asked), and the location asked again
    const photoAtLocation = await r.photo();
    expect(photoAtLocation).toContain('收到照片');
    expect(photoAtLocation).toContain('位置');
    expect(await r.at(22.54, 113.93, '大新小区门口')).toContain('电话');
    const badPhone = await r.say('abcdefghijkl');
    expect(badPhone).toContain('电话');
    await r.say('not a phone');
    const third = await r.say('still not');
    expect(third).toContain('人工');
  });

  it('keeps the draft of an expired report and offers to continue it', async () => {
    const r = someone();
    await r.follow('community_tiansha');
    await r.say('报修');
    await r.say('1');
    await r.say('田厦村口路灯不亮');
    clock += 2 * 3600_000;
    const later = await r.say('报修');
    expect(later).toContain('还没有提交');
    expect(later).toContain('1 继续填写');
    expect(await r.say('1')).toContain('在哪里');
    clock = Date.now();
  });

  it('hands over to a person on 人工: one ticket, and the bot stays silent', async () => {
    const r = someone();
    await r.follow('community_daxin');
    expect(await r.say('人工')).toContain('人工客服');
    expect(await r.say('人工')).toContain('已经在为您转接');
    expect(await r.say('路灯什么时候修')).toBe('success');
    const tickets = await svc.database.db.select().from(conversations).where(eq(conversations.openid, r.openid));
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.status).toBe('queued');
    const log = await svc.database.db.select().from(messages).where(eq(messages.openid, r.openid));
    expect(log.filter((m) => m.direction === 'in' && m.conversationId === tickets[0]!.id).map((m) => m.body)).toContain('路灯什么时候修');
  });

  it('handles two messages of one resident sent at once: both take effect', async () => {
    const r = someone();
    await r.follow('community_daxin');
    await r.say('报修');
    await r.say('1');
    const [a, b] = await Promise.all([r.say('大新路口的路灯一直不亮'), r.say('大新路12号门口')]);
    expect(a).toContain('在哪里');
    expect(b).toContain('照片');
  });

  it('offers a nearby open report of the same category, and following it adds a supporter', async () => {
    const first = someone();
    await first.follow('community_tongle');
    for (const t of ['报修', '5', '同乐村口井盖不见了很危险']) await first.say(t);
    await first.at(22.551, 113.921, '同乐村口');
    await first.say('跳过');
    await first.say('跳过');
    const number = caseNumber(await first.say('1'));
    const second = someone();
    await second.follow('community_tongle');
    for (const t of ['报修', '5', '村口的井盖没有了']) await second.say(t);
    // offered right after the place, before photo and phone
    const offer = await second.at(22.5511, 113.9211, '同乐村');
    expect(offer).toContain(`#${number}`);
    expect(await second.say('1')).toContain('关注');
    const subs = await svc.database.db.select().from(subscriptions).where(eq(subscriptions.caseId, number));
    expect(subs.map((s) => [s.openid, s.role])).toContainEqual([second.openid, 'supporter']);
  });

  it('a location or a photo sent outside any flow starts the flow that claims it (a report there, with that photo)', async () => {
    const here = someone();
    await here.follow('community_daxin');
    const atSpot = await here.at(22.5401, 113.9301, '大新路12号');
    expect(atSpot).toContain('哪一类问题');
    for (const t of ['1', '大新路12号门口路灯不亮']) await here.say(t);
    expect(await here.say('跳过')).toContain('电话');
    const confirm = await here.say('跳过');
    expect(confirm).toContain('大新路12号');

    const snap = someone();
    await snap.follow('community_daxin');
    const first = await snap.photo();
    expect(first).toContain('收到照片');
    expect(first).toContain('哪一类问题');
    for (const t of ['3', '小区门口垃圾堆了三天没人收']) await snap.say(t);
    // the photo is the report's: the photo question is not asked, the summary counts it
    expect(await snap.at(22.54, 113.93, '大新小区门口')).toContain('电话');
    expect(await snap.say('跳过')).toContain('照片：1 张');
    const number = caseNumber(await snap.say('1'));
    const media = await svc.database.db.select().from(caseMedia).where(eq(caseMedia.caseId, number));
    expect(media).toHaveLength(1);
  });

  it('answers a link outside any flow with what the bot can read', async () => {
    const r = someone();
    await r.follow('community_daxin');
    expect(await r.send({ kind: 'link', title: '文章', description: '', url: 'https://example.org/a' })).toContain('暂时只能处理文字、图片和位置');
  });

  it('files a proposal in 征集', async () => {
    const r = someone();
    await r.follow('community_nantoucheng');
    await r.say('提议');
    await r.say('老人饭堂');
    await r.say('社区老人多，中午没地方吃饭，希望办个老人饭堂');
    await r.say('2');
    await r.say('本社区60岁以上老人，大约300人');
    await r.say('跳过');
    await r.say('2万');
    await r.say('跳过');
    const filed = await r.say('1');
    const number = caseNumber(filed);
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, number));
    expect(row).toMatchObject({ kind: 'proposal', status: 'collected', projectType: '服务类', estimatedCost: 2_000_000, communityId: 'nantoucheng' });
  });
});
