import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/log.js';
import { StaffChatAlerts, STAFF_BOT_PER_MINUTE, type StaffChatAlertsOptions } from '../../src/staff-bot/staff-chat-alerts.js';
import { findStaffChat } from '../../src/staff-bot/staff-chat.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import type { StateStore } from '../../src/state/store.js';
import { openTestStore, STORE_KINDS } from '../helpers/stores.js';
import { CONTACTS, FakeWechatBot, logLines, STAFF_CHAT } from './fake-bot.js';

const T = Date.parse('2026-03-02T02:00:10Z');

function setup(o: Partial<StaffChatAlertsOptions> = {}) {
  const bot = new FakeWechatBot();
  bot.login();
  const log = logLines();
  let t = T;
  const alerts = new StaffChatAlerts({
    client: bot,
    chat: STAFF_CHAT,
    store: new MemoryStore(() => t),
    logger: createLogger('debug', log),
    now: () => t,
    minGapMs: 0,
    ...o,
  });
  return { bot, log, alerts, advance: (ms: number) => void (t += ms) };
}

const warnings = (log: ReturnType<typeof logLines>) => log.lines.filter((l) => l.level === 40).map((l) => l.msg as string);

describe('the staff chat', () => {
  it('is the group whose remark name, or else name, is exactly STAFF_BOT_CHAT; never a person, never a look-alike', () => {
    const contacts = Object.fromEntries(CONTACTS.map((c) => [c.UserName, c]));
    expect(findStaffChat(contacts, STAFF_CHAT)).toEqual({ found: true, userName: '@@staff', by: 'name' });
    expect(findStaffChat(contacts, ` ${STAFF_CHAT} `)).toMatchObject({ userName: '@@staff' });
    expect(findStaffChat(contacts, '南头街道')).toEqual({ found: false, reason: 'missing', count: 0 });
    expect(findStaffChat(contacts, '')).toMatchObject({ found: false, reason: 'missing' });
    // a remark name (备注) wins over another group's name
    const remarked = { ...contacts, '@@r': { UserName: '@@r', NickName: '随便', RemarkName: STAFF_CHAT } };
    expect(findStaffChat(remarked, STAFF_CHAT)).toEqual({ found: true, userName: '@@r', by: 'remark' });
    // two groups of the same name: neither
    const twins = { ...contacts, '@@twin': { UserName: '@@twin', NickName: STAFF_CHAT } };
    expect(findStaffChat(twins, STAFF_CHAT)).toEqual({ found: false, reason: 'ambiguous', count: 2 });
  });
});

describe('StaffChatAlerts', () => {
  it('sends only to the configured chat, text cut to 2048 bytes', async () => {
    const { bot, alerts } = setup();
    expect(await alerts.send('【人工咨询】#41（南头城社区）居民请求人工服务，请登录工作台接单。')).toBe(true);
    expect(await alerts.send('超'.repeat(1000))).toBe(true);
    expect(bot.sent.map((s) => s.to)).toEqual(['@@staff', '@@staff']);
    expect(bot.sent[0]!.text).toBe('【人工咨询】#41（南头城社区）居民请求人工服务，请登录工作台接单。');
    expect(Buffer.byteLength(bot.sent[1]!.text)).toBeLessThanOrEqual(2048);
    expect(bot.sent[1]!.text.endsWith('…')).toBe(true);
  });

  it('answers false and logs why when the chat is not among the contacts, or is ambiguous; once per cause in a row', async () => {
    const { bot, alerts, log } = setup({ chat: '社区网格员群' });
    expect(await alerts.send('a')).toBe(false);
    expect(await alerts.send('b')).toBe(false);
    expect(bot.sent).toEqual([]);
    expect(warnings(log)).toEqual([expect.stringContaining('no group chat with this name')]);
    expect(log.lines.filter((l) => l.level === 20)).toHaveLength(1);

    const twins = setup();
    twins.bot.contacts['@@twin'] = { UserName: '@@twin', NickName: STAFF_CHAT };
    expect(await twins.alerts.send('a')).toBe(false);
    expect(twins.bot.sent).toEqual([]);
    expect(warnings(twins.log)).toEqual([expect.stringContaining('several group chats have this name')]);
  });

  it('answers false when logged out, and again true once logged in', async () => {
    const { bot, alerts, log } = setup();
    bot.logout();
    expect(await alerts.send('while logged out')).toBe(false);
    expect(warnings(log)).toEqual([expect.stringContaining('logged out')]);
    bot.login();
    expect(await alerts.send('back')).toBe(true);
    expect(bot.sent).toEqual([{ text: 'back', to: '@@staff' }]);
    expect(log.lines.at(-1)!.msg).toBe('staff alerts reach the staff chat again');
  });

  it('answers false when WeChat refuses the message, logging wechat4u tips but not the request it carries', async () => {
    const { bot, alerts, log } = setup();
    bot.failNext = Object.assign(new Error('1101 == 0'), { tips: '发送文本信息失败', config: { headers: { cookie: 'wxsid=SECRET-COOKIE' } } });
    expect(await alerts.send('x')).toBe(false);
    const line = log.lines.find((l) => l.msg === 'staff alert not sent: WeChat refused the message');
    expect(line).toMatchObject({ err: '1101 == 0', tips: '发送文本信息失败', chat: STAFF_CHAT });
    expect(log.raw()).not.toContain('SECRET-COOKIE');
    expect(await alerts.send('y')).toBe(true);
  });

  it('answers false when the budget cannot be counted (the state store is down)', async () => {
    const store = new MemoryStore();
    store.incr = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    };
    const { bot, alerts, log } = setup({ store });
    expect(await alerts.send('x')).toBe(false);
    expect(bot.sent).toEqual([]);
    expect(log.lines.find((l) => l.level === 40)).toMatchObject({ msg: 'staff alert not sent: the state store failed', err: 'connect ECONNREFUSED 127.0.0.1:6379' });
  });

  it('spaces its sends by the minimum gap, in order', async () => {
    const slept: number[] = [];
    let t = T;
    const bot = new FakeWechatBot();
    bot.login();
    const alerts = new StaffChatAlerts({
      client: bot,
      chat: STAFF_CHAT,
      store: new MemoryStore(() => t),
      logger: silentLogger,
      now: () => t,
      sleep: async (ms) => {
        slept.push(ms);
        t += ms;
      },
    });
    const results = await Promise.all([alerts.send('1'), alerts.send('2'), alerts.send('3')]);
    expect(results).toEqual([true, true, true]);
    expect(bot.sent.map((s) => s.text)).toEqual(['1', '2', '3']);
    expect(slept).toEqual([3000, 3000]);
  });

  describe.each(STORE_KINDS)('budget on %s', (kind) => {
    const stores: StateStore[] = [];
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((s) => s.close()));
    });

    it(`drops the ${STAFF_BOT_PER_MINUTE + 1}th alert of a minute, shared by two bots on one store (and so by a restarted one)`, async () => {
      let t = Date.now();
      t -= t % 60_000; // the start of a minute: the 11 sends below stay in it
      const store = openTestStore(kind);
      stores.push(store);
      const one = new FakeWechatBot();
      const two = new FakeWechatBot();
      one.login();
      two.login();
      const opts = { chat: STAFF_CHAT, store, logger: silentLogger, now: () => t, minGapMs: 0 };
      const a = new StaffChatAlerts({ client: one, ...opts });
      const b = new StaffChatAlerts({ client: two, ...opts });
      for (let i = 0; i < 6; i++) expect(await a.send(`a${i}`)).toBe(true);
      for (let i = 0; i < 4; i++) expect(await b.send(`b${i}`)).toBe(true);
      expect(await a.send('11th')).toBe(false);
      expect(await b.send('12th')).toBe(false);
      expect(one.sent.length + two.sent.length).toBe(STAFF_BOT_PER_MINUTE);
      t += 60_000;
      expect(await a.send('next minute')).toBe(true);
    });
  });
});
