import { EventEmitter } from 'node:events';
import type { BotContact, WechatBot } from '../../src/staff-bot/client.js';

/** secrets the fake's login data holds: a test checks that no log line carries them */
export const FAKE_SECRETS = { sid: 'sid-SECRET-4711', cookie: 'webwx_data_ticket-SECRET-0815' };

/** the staff group and its look-alikes: a person with the same name, a group with a similar one */
export const CONTACTS: BotContact[] = [
  { UserName: '@@staff', NickName: '南头街道工作群' },
  { UserName: '@@similar', NickName: '南头街道工作群2' },
  { UserName: '@@longer', NickName: '南头街道工作群（旧）' },
  { UserName: '@person', NickName: '南头街道工作群' },
  { UserName: '@@family', NickName: '家人群' },
];
export const STAFF_CHAT = '南头街道工作群';

/**
 * wechat4u's Wechat with the interface the staff bot uses (client.ts) and no network: the test
 * plays the phone (scan, logout) and WeChat (a refused message).
 */
export class FakeWechatBot extends EventEmitter implements WechatBot {
  state = 'init';
  readonly CONF = { STATE: { init: 'init', uuid: 'uuid', login: 'login', logout: 'logout' } };
  readonly PROP: { uin: string | number } = { uin: '' };
  contacts: Record<string, BotContact> = {};
  readonly sent: { text: string; to: string }[] = [];
  started = 0;
  restarted = 0;
  pollingTarget = 'filehelper';
  /** the next sendMsg rejects with this, as wechat4u does when WeChat answers Ret ≠ 0 */
  failNext: Error | undefined;

  constructor(readonly restoredFrom?: object) {
    super();
    const uin = (restoredFrom as { PROP?: { uin?: string } } | undefined)?.PROP?.uin;
    if (uin) this.PROP.uin = uin;
  }

  get botData(): object {
    return { PROP: { ...this.PROP, sid: FAKE_SECRETS.sid, skey: '@crypt_x' }, CONF: { origin: 'https://wx.qq.com' }, COOKIE: { webwx_data_ticket: FAKE_SECRETS.cookie }, user: { UserName: '@me' } };
  }

  async start(): Promise<void> {
    this.started += 1;
    this.state = 'uuid';
    this.emit('uuid', `uuid-${this.started}`);
  }

  async restart(): Promise<void> {
    this.restarted += 1;
  }

  /** the phone scanned and confirmed (or a restart resumed): logged in, contacts loaded */
  login(contacts: BotContact[] = CONTACTS): void {
    this.state = 'login';
    this.PROP.uin = '2468';
    this.contacts = Object.fromEntries(contacts.map((c) => [c.UserName, { ...c }]));
    this.emit('login');
    this.emit('contacts-updated', contacts);
  }

  logout(): void {
    this.state = 'logout';
    this.emit('logout');
  }

  async sendMsg(text: string, to: string): Promise<unknown> {
    if (this.state !== 'login') throw new Error('not logged in');
    if (this.failNext) {
      const err = this.failNext;
      this.failNext = undefined;
      throw err;
    }
    this.sent.push({ text, to });
    return { BaseResponse: { Ret: 0 }, MsgID: String(this.sent.length) };
  }

  setPollingTargetGetter(getter: () => string): void {
    this.pollingTarget = getter();
  }
}

/** a pino destination that keeps the log lines */
export function logLines(): { lines: Record<string, unknown>[]; raw: () => string; write(s: string): void } {
  const lines: Record<string, unknown>[] = [];
  let all = '';
  return {
    lines,
    raw: () => all,
    write(s: string) {
      all += s;
      lines.push(JSON.parse(s));
    },
  };
}
