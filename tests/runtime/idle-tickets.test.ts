import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCommunity, ensureResident } from '../../src/civic/index.js';
import { conversations, messages } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { loadBotTexts } from '../../src/runtime/bot-texts.js';
import { createRuntime } from '../../src/runtime/create-runtime.js';
import { startHousekeeping } from '../../src/runtime/housekeeping.js';
import { idleTickets } from '../../src/runtime/idle-tickets.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';
import { startConsole, type Client, type ConsoleHarness } from '../console/harness.js';
import { OFFICIAL_ID } from '../helpers/wechat.js';

let msgSeq = 7_250_021_412_600_900_000n;

/** 1 满意 / 2 基本满意 / 3 不满意 as taps, after the rating question */
const RATE_TAPS = '\n<a href="weixin://bizmsgmenu?msgmenucontent=1&msgmenuid=1">1 满意</a>\n<a href="weixin://bizmsgmenu?msgmenucontent=2&msgmenuid=2">2 基本满意</a>\n<a href="weixin://bizmsgmenu?msgmenucontent=3&msgmenuid=3">3 不满意</a>';

/** Every close of a ticket tells the resident the bot is back: staff 结束, and a ticket left idle. */
describe('closing a ticket', () => {
  let h: ConsoleHarness;
  let bot: MessageHandler;
  let worker: Client;

  /** what the resident reads after typing `content`, or tapping a link (`menuId`) that sends it */
  const say = async (openid: string, content: string, menuId?: string): Promise<string> => {
    h.fake!.api.noteInbound(openid, 'message');
    const id = String(++msgSeq);
    const msg = { type: 'text' as const, toUser: OFFICIAL_ID, fromUser: openid, createTime: Math.floor(h.clock.now().getTime() / 1000), msgId: id, content, ...(menuId ? { menuId } : {}) };
    const out = await bot(msg, { dedupeKey: id });
    return out.map((m) => (m.type === 'text' ? m.content : m.type)).join('\n');
  };
  const withTicket = async (openid: string) => {
    await ensureResident(h.db, openid, h.clock.now());
    await bindCommunity(h.db, openid, 'nantoucheng', h.clock.now());
    await say(openid, '人工');
    const [t] = await h.db.select().from(conversations).where(eq(conversations.openid, openid));
    return t!;
  };
  const told = (openid: string) => h.fake!.recorder.delivered({ api: 'message/custom/send', openid }).map((r) => (r.body as { text: { content: string } }).text.content);
  const housekeeping = (idleMinutes: number) =>
    startHousekeeping({ db: h.db, logger: silentLogger, now: h.clock.now, idleTickets: idleTickets({ db: h.db, store: h.store, api: () => h.api, texts: loadBotTexts(), now: h.clock.now, idleMinutes }) });

  beforeAll(async () => {
    h = await startConsole('postgres', { wechat: true });
    await h.user('idle-w1', 'community', { communityId: 'nantoucheng' });
    worker = await h.login('idle-w1');
    const runtime = await createRuntime({ db: h.db, store: h.store, logger: silentLogger, api: () => h.api, media: h.media, publicUrl: () => 'http://127.0.0.1', now: h.clock.now });
    bot = runtime.handler;
  });
  afterAll(() => h.close());

  it('staff 结束: the resident reads that the human service ended and the bot is back', async () => {
    const openid = 'o-close-staff';
    const t = await withTicket(openid);
    expect((await worker.post(`/api/console/inbox/${t.id}/resolve`)).json.changed).toBe(true);
    // the rating's answers are taps, each sending its number
    const back =
      '工作人员已结束本次人工服务，机器人继续为您服务。还需要帮助请回复“人工”。\n请为本次人工服务评价，点下面的选项或回复数字：' + RATE_TAPS;
    expect(told(openid)).toEqual([back]);
    const log = await h.db.select().from(messages).where(eq(messages.conversationId, t.id));
    expect(log.map((m) => m.body)).toContain(back);
    // the next message answers the rating question: a tap on 1 满意
    expect(await say(openid, '1', '1')).toContain('谢谢您的评价');
    const [rated] = await h.db.select().from(conversations).where(eq(conversations.id, t.id));
    expect(rated).toMatchObject({ rating: 'satisfied', ratedAt: h.clock.now() });
    // the question was for that message only: a later 3 is not a rating
    expect(await say(openid, '3')).not.toContain('谢谢您的评价');
    expect((await h.db.select().from(conversations).where(eq(conversations.id, t.id)))[0]!.rating).toBe('satisfied');
  });

  it('a ticket nobody wrote on for the idle time closes by itself and the resident is told; a live one stays', async () => {
    const idle = 'o-close-idle';
    const live = 'o-close-live';
    const t = await withTicket(idle);
    await withTicket(live);
    const job = housekeeping(120);
    try {
      h.clock.advance(90 * 60_000);
      await say(live, '还在吗？');
      await job.runOnce();
      expect((await h.db.select().from(conversations).where(eq(conversations.id, t.id)))[0]!.status).not.toBe('resolved');
      h.clock.advance(31 * 60_000);
      await job.runOnce();
      const [closed] = await h.db.select().from(conversations).where(eq(conversations.id, t.id));
      expect(closed!.status).toBe('resolved');
      expect(closed!.resolvedAt).toEqual(h.clock.now());
      expect(told(idle)).toEqual(['本次人工服务因一段时间没有新消息，已自动结束，机器人继续为您服务。还需要帮助请回复“人工”。\n请为本次人工服务评价，点下面的选项或回复数字：' + RATE_TAPS]);
      // the resident who wrote 31 minutes ago still has the person
      expect((await h.db.select().from(conversations).where(eq(conversations.openid, live)))[0]!.status).toBe('queued');
      // the resident rates it in words, and the bot answers them again
      expect(await say(idle, '不满意')).toContain('谢谢您的评价');
      expect((await h.db.select().from(conversations).where(eq(conversations.id, t.id)))[0]!.rating).toBe('unsatisfied');
      expect(await say(idle, '我的')).not.toBe('');
      // run again: nothing closes twice, nothing is told twice
      await job.runOnce();
      expect(told(idle)).toHaveLength(1);
    } finally {
      job.stop();
    }
  });

  it('the dashboard counts the ratings of the human service, with their shares', async () => {
    // the two tests above: one 满意 (staff 结束), one 不满意 (idle); one more closed and not rated
    const t = await withTicket('o-close-unrated');
    // the clock moved past the console's idle timeout above
    worker = await h.login('idle-w1');
    expect((await worker.post(`/api/console/inbox/${t.id}/resolve`)).json.changed).toBe(true);
    const d = await worker.get('/api/console/dashboard');
    expect(d.status).toBe(200);
    expect(d.json.humanService).toEqual({
      closed: 3,
      rated: 2,
      satisfied: 1,
      fair: 0,
      unsatisfied: 1,
      satisfiedRate: 0.5,
      fairRate: 0,
      unsatisfiedRate: 0.5,
    });
    // another community's staff see none of them
    await h.user('idle-lz', 'community', { communityId: 'longzhu' });
    const other = await h.login('idle-lz');
    expect((await other.get('/api/console/dashboard')).json.humanService).toMatchObject({ closed: 0, rated: 0, satisfiedRate: null });
  });
});
