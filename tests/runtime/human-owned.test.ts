import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/civic/index.js';
import { cases, conversations, messages } from '../../src/db/schema.js';
import type { Service } from '../../src/service.js';
import { readFollowUps } from '../../src/state/follow-ups.js';
import { keys } from '../../src/state/keys.js';
import { resident } from '../helpers/chat.js';
import { BOTH_SETUPS, startServiceOn } from '../helpers/service.js';

/**
 * A person never traps a resident: while a ticket is open, lookups, menu taps, a flow the resident
 * starts and 结束人工 / 取消 keep working; other text goes to the person. Through the simulator, on
 * the embedded stores and on real Redis + PostgreSQL.
 */
const staff = { type: 'staff' as const, id: '1' };
const caseNumber = (text: string) => Number(/#(\d+)/.exec(text)?.[1]);

describe.each(BOTH_SETUPS)('a person owns the conversation — $name', ({ real }) => {
  let svc: Service;
  let n = 0;
  /** the service's clock: the real time unless a test sets it */
  let clock: number | undefined;
  const someone = () => resident(svc, `oOwn${randomBytes(3).toString('hex')}${++n}`);
  const ticketsOf = (openid: string) => svc.database.db.select().from(conversations).where(eq(conversations.openid, openid));

  beforeAll(async () => {
    svc = await startServiceOn(real, { now: () => new Date(clock ?? Date.now()) });
  });
  afterAll(() => svc.stop());

  /** a resident with one filed report (each 300 m from the others: no duplicate offers) who then asked for a person */
  async function withTicket() {
    const r = someone();
    const lat = 22.551 + n * 0.003;
    await r.follow('community_tongle');
    for (const t of ['报修', '5', '同乐村口井盖不见了很危险']) await r.say(t);
    await r.at(lat, 113.921, '同乐村口');
    await r.say('跳过');
    await r.say('跳过');
    const number = caseNumber(await r.say('1'));
    expect(number).toBeGreaterThan(0);
    expect(await r.say('人工')).toContain('人工客服');
    return { r, number };
  }

  it('查询 N, 我的 and 公示 are answered while a person owns the conversation; other text goes to the person', async () => {
    const { r, number } = await withTicket();
    const lookup = await r.say(`查询 ${number}`);
    expect(lookup).toContain(`#${number}`);
    expect(await r.say('我的')).toContain(`#${number}`);
    expect(await r.say('公示')).toContain('同乐社区');
    expect(await r.say('井盖什么时候能装上')).toBe('success');
    const [ticket] = await ticketsOf(r.openid);
    expect(ticket!.status).toBe('queued');
    const log = await svc.database.db.select().from(messages).where(eq(messages.conversationId, ticket!.id));
    // staff read the whole exchange on the ticket: the resident's words and what the bot answered
    expect(log.filter((m) => m.direction === 'in').map((m) => m.body)).toEqual(expect.arrayContaining([`查询 ${number}`, '我的', '井盖什么时候能装上']));
    expect(log.some((m) => m.direction === 'out' && m.sender === 'bot' && m.body.includes(`#${number}`))).toBe(true);
  });

  it('menu taps keep working: 我的 is answered, 报修 starts a report whose answers go to the flow', async () => {
    const { r, number } = await withTicket();
    expect(await r.send({ kind: 'event', event: 'CLICK', key: '我的' })).toContain(`#${number}`);
    expect(await r.send({ kind: 'event', event: 'CLICK', key: '报修' })).toContain('哪一类问题');
    expect(await r.say('1')).toContain('描述');
    // the person still owns the conversation
    expect((await ticketsOf(r.openid))[0]!.status).toBe('queued');
  });

  it('typed 报修 starts a report too', async () => {
    const { r } = await withTicket();
    expect(await r.say('报修')).toContain('哪一类问题');
  });

  it('取消 with nothing to cancel ends the human service and says so; the bot answers again', async () => {
    const { r } = await withTicket();
    const ended = await r.say('取消');
    expect(ended).toContain('已结束人工服务');
    const [ticket] = await ticketsOf(r.openid);
    expect(ticket!.status).toBe('resolved');
    expect(ticket!.resolvedAt).not.toBeNull();
    expect(await r.say('你好')).not.toBe('success');
  });

  it('取消 in a report started during the ticket cancels the report, not the person', async () => {
    const { r } = await withTicket();
    await r.say('报修');
    await r.say('1');
    expect(await r.say('取消')).not.toContain('已结束人工服务');
    expect((await ticketsOf(r.openid))[0]!.status).toBe('queued');
  });

  it('结束人工 ends the human service; without a person it says there is none', async () => {
    const { r } = await withTicket();
    const ended = await r.say('结束人工');
    expect(ended).toContain('已结束人工服务');
    // the rating's answers are taps, each sending its number
    expect(ended).toContain(
      '请为本次人工服务评价，点下面的选项或回复数字：\n<a href="weixin://bizmsgmenu?msgmenucontent=1&msgmenuid=1">1 满意</a>\n<a href="weixin://bizmsgmenu?msgmenucontent=2&msgmenuid=2">2 基本满意</a>\n<a href="weixin://bizmsgmenu?msgmenucontent=3&msgmenuid=3">3 不满意</a>',
    );
    expect((await ticketsOf(r.openid))[0]!.status).toBe('resolved');
    // tapping 2 基本满意 sends 2 with its menu id
    expect(await r.send({ kind: 'text', content: '2', menuId: '2' })).toContain('谢谢您的评价');
    expect((await ticketsOf(r.openid))[0]!.rating).toBe('fair');
    expect(await r.say('结束人工')).toContain('没有在人工服务');
  });

  it('a repeated 人工 while queued is reassured, and opens no second ticket', async () => {
    const { r } = await withTicket();
    expect(await r.say('人工')).toContain('已经在为您转接');
    expect(await ticketsOf(r.openid)).toHaveLength(1);
  });

  /** staff resolve the case and the push asking 问题解决了吗 reaches the resident */
  async function resolvedAndAsked(openid: string, caseId: number) {
    const now = new Date();
    await transition(svc.database.db, { caseId, to: 'accepted', actor: staff, data: { assignee: '同乐社区工作站' } }, { now });
    await transition(svc.database.db, { caseId, to: 'resolved', actor: staff, publicNote: '已补装井盖' }, { now });
    for (let i = 0; i < 200; i++) {
      svc.push?.wake();
      const open = readFollowUps(await svc.store.get(keys.followUps(openid)), new Date());
      if (open.some((f) => f.caseId === caseId && f.ask === 'feedback')) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the push asking about #${caseId} never reached ${openid}`);
  }

  it('a 1 answering 问题解决了吗 is recorded as feedback while a ticket is open', async () => {
    const { r, number } = await withTicket();
    await resolvedAndAsked(r.openid, number);
    expect(await r.say('1')).toContain('谢谢您的评价');
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, number));
    expect(row!.status).toBe('closed');
    expect((await ticketsOf(r.openid))[0]!.status).toBe('queued');
  });

  it('a 2 answering 问题解决了吗 reopens the case while a ticket is open', async () => {
    const { r, number } = await withTicket();
    await resolvedAndAsked(r.openid, number);
    expect(await r.say('2')).toContain('重新处理');
    const [row] = await svc.database.db.select().from(cases).where(eq(cases.id, number));
    expect(row!.status).not.toBe('resolved');
    expect(row!.status).not.toBe('closed');
  });

  it('outside duty hours 人工 says when someone will answer (working days of the holiday calendar, 9:00–18:00 China time)', async () => {
    const at = async (local: string, text: string) => {
      clock = Date.parse(`${local}+08:00`);
      try {
        return await someone().say(text);
      } finally {
        clock = undefined;
      }
    };
    // Monday 10:00: on duty
    const onDuty = await at('2026-12-07T10:00:00', '人工');
    expect(onDuty).toContain('工作人员会尽快回复您（工作日 9:00–18:00）');
    expect(onDuty).not.toContain('非工作时间');
    expect(await at('2026-12-07T08:30:00', '人工')).toContain('现在是非工作时间，工作人员今天 9:00 上班后会回复您');
    expect(await at('2026-12-07T18:30:00', '人工')).toContain('工作人员明天 9:00 上班后会回复您');
    // Saturday: Monday 12月14日
    expect(await at('2026-12-12T10:00:00', '人工')).toContain('工作人员12月14日 9:00 上班后会回复您');
    // a repeated 人工 on the waiting ticket says it too
    clock = Date.parse('2026-12-12T10:00:00+08:00');
    try {
      const r = someone();
      await r.say('人工');
      expect(await r.say('人工')).toContain('已经在为您转接人工。现在是非工作时间，工作人员12月14日 9:00');
    } finally {
      clock = undefined;
    }
  });

  it('人工 asked for inside a flow (the engine’s handoff) says when someone will answer outside duty hours, as the command does', async () => {
    try {
      // Monday 18:30 China time: staff are back tomorrow at 9:00
      clock = Date.parse('2026-12-07T18:30:00+08:00');
      const r = someone();
      await r.say('报修');
      // 找人工 is no command: the flow's handoff repair takes it
      const offDuty = await r.say('找人工');
      expect(offDuty).toBe(
        '好的，正在为您转接工作人员，请稍候。\n\n现在是非工作时间，工作人员明天 9:00 上班后会回复您（工作日 9:00–18:00）。请先留言说明情况。',
      );
      const [ticket] = await ticketsOf(r.openid);
      expect(ticket!.status).toBe('queued');
      // Monday 10:00: on duty, the flow's words alone
      clock = Date.parse('2026-12-07T10:00:00+08:00');
      const s = someone();
      await s.say('报修');
      expect(await s.say('找人工')).toBe('好的，正在为您转接工作人员，请稍候。');
      expect(await ticketsOf(s.openid)).toHaveLength(1);
    } finally {
      clock = undefined;
    }
  });
});
