import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeStaffAlerts, startStaffAlerts } from '../../src/console/alerts/index.js';
import { publishInboxEvent } from '../../src/console/index.js';
import { consoleKeys } from '../../src/console/keys.js';
import { silentLogger } from '../../src/log.js';
import { StaffChatAlerts } from '../../src/staff-bot/staff-chat-alerts.js';
import { startConsole, type ConsoleHarness } from '../console/harness.js';
import { FakeWechatBot, STAFF_CHAT } from './fake-bot.js';

const settle = () => new Promise((r) => setTimeout(r, 50));
/** the alert arrives when the event has gone through the store and the database: waited for, not slept for */
const arrived = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 20 });

describe('the staff bot as an alert channel', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h.close());

  const staffBot = () => {
    const bot = new FakeWechatBot();
    bot.login();
    const alerts = new StaffChatAlerts({ client: bot, chat: STAFF_CHAT, store: h.store, logger: silentLogger, now: () => h.clock.now().getTime(), minGapMs: 0 });
    return { bot, alerts };
  };

  it('gets a new ticket from the inbox events once, even with two staff-bot processes', async () => {
    const { bot, alerts } = staffBot();
    const opts = { db: h.db, store: h.store, alerts, channel: 'staff-bot' as const, logger: silentLogger, now: h.clock.now };
    const a = await startStaffAlerts(opts);
    const b = await startStaffAlerts(opts);
    await publishInboxEvent(h.store, { type: 'ticket_opened', ticketId: 51, communityId: 'nantoucheng', status: 'queued' });
    await publishInboxEvent(h.store, { type: 'message', ticketId: 51, communityId: 'nantoucheng' });
    await arrived(() => expect(bot.sent.length).toBeGreaterThan(0));
    await settle();
    expect(bot.sent).toEqual([{ to: '@@staff', text: '【人工咨询】#51（南头城社区）居民请求人工服务，请登录工作台接单。' }]);
    await a.stop();
    await b.stop();
  });

  it('a ticket opened while the bot is logged out is dropped (and logged), not marked as alerted', async () => {
    const { bot, alerts } = staffBot();
    bot.logout();
    const running = await startStaffAlerts({ db: h.db, store: h.store, alerts, channel: 'staff-bot', logger: silentLogger, now: h.clock.now });
    await publishInboxEvent(h.store, { type: 'ticket_opened', ticketId: 52, communityId: 'nantoucheng', status: 'queued' });
    await settle();
    expect(bot.sent).toEqual([]);
    expect(await h.store.get(consoleKeys.alerted('staff-bot', 'ticket:52'))).toBeNull();
    await running.stop();
  });

  it('with the WeCom robot running too, each channel alerts once: new tickets and overdue reports', async () => {
    const { bot, alerts } = staffBot();
    const wecom = new FakeStaffAlerts();
    const common = { db: h.db, store: h.store, logger: silentLogger, now: h.clock.now };
    const running = [
      await startStaffAlerts({ ...common, alerts: wecom, channel: 'wecom' }),
      await startStaffAlerts({ ...common, alerts: wecom, channel: 'wecom' }),
      await startStaffAlerts({ ...common, alerts, channel: 'staff-bot' }),
      await startStaffAlerts({ ...common, alerts, channel: 'staff-bot' }),
    ];
    await publishInboxEvent(h.store, { type: 'ticket_opened', ticketId: 61, communityId: 'tongle', status: 'queued' });
    await arrived(() => expect(wecom.sent.length * bot.sent.length).toBeGreaterThan(0));
    await settle();
    const ticketAlert = '【人工咨询】#61（同乐社区）居民请求人工服务，请登录工作台接单。';
    expect(wecom.sent).toEqual([ticketAlert]);
    expect(bot.sent.map((s) => s.text)).toEqual([ticketAlert]);
    // the WeCom robot keeps the marker keys it had before there were channels
    expect(await h.store.get('staff:alerted:ticket:61')).toBe('1');
    expect(await h.store.get('staff:alerted:staff-bot:ticket:61')).toBe('1');

    const id = await h.report({ communityId: 'daxin', category: 'safety' });
    h.clock.advance(3 * 86_400_000);
    let swept = 0;
    for (const r of running) swept += await r.sweepOverdue();
    expect(swept).toBe(2);
    const overdue = new RegExp(`^【超期督办】报修 #${id}（大新社区）已超过办理时限 \\d+ 小时，尚未指派。$`);
    expect(wecom.sent.filter((t) => overdue.test(t))).toHaveLength(1);
    expect(bot.sent.filter((s) => overdue.test(s.text))).toHaveLength(1);
    expect(bot.sent.every((s) => s.to === '@@staff')).toBe(true);
    for (const r of running) await r.stop();
  });
});
