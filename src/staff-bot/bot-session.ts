import type { Logger } from '../log.js';
import type { CreateBot, StaffChatClient, WechatBot } from './client.js';
import { readLoginData, removeLoginData, saveLoginData } from './login-data.js';
import { findStaffChat } from './staff-chat.js';

export interface StaffBotSessionOptions {
  createBot: CreateBot;
  /** DATA_DIR/staff-bot/login.json */
  loginFile: string;
  /** STAFF_BOT_CHAT, to tell the operator whether the chat was found */
  chat: string;
  logger: Logger;
  /** shows the operator the login QR link (stdout: it is for a person at the terminal) */
  showQr: (url: string) => void;
  /** wait before a new login after a logout or a failed login (default 5 s doubling to 10 min) */
  retryDelayMs?: (attempt: number) => number;
}

export interface StaffBotSession {
  /** the current login's client (a new bot is made after each logout); the alerts send through it */
  readonly client: StaffChatClient;
  /** saves the login data and stops logging in again; the WeChat session is left open for the next start */
  stop(): void;
}

export const qrUrl = (uuid: string): string => `https://login.weixin.qq.com/qrcode/${encodeURIComponent(uuid)}`;
const defaultRetry = (attempt: number): number => Math.min(5_000 * 2 ** attempt, 10 * 60_000);

/** only the message and wechat4u's tips: its errors carry the request, cookies and pass_ticket included */
function errorFields(err: unknown): { err: string; tips?: string } {
  const tips = (err as { tips?: unknown } | null)?.tips;
  return { err: err instanceof Error ? err.message : String(err), ...(typeof tips === 'string' ? { tips } : {}) };
}

/**
 * The staff bot's WeChat login: resumes the saved login (no scan) or shows a QR link to scan; saves
 * the login data on login; after a logout (on the phone, by WeChat, or a resumed login that had
 * expired) removes it, asks for a new scan and starts a fresh bot after a growing wait. The bot never
 * answers messages, and its 5-minute heartbeat text to the file helper is turned off (a target of
 * '' skips it, wechat4u PR #321; its maintainers say the text does not keep a login alive): the
 * only messages it sends are the alerts to the staff chat.
 */
export function startStaffBotSession(o: StaffBotSessionOptions): StaffBotSession {
  const retryDelay = o.retryDelayMs ?? defaultRetry;
  let stopped = false;
  let attempt = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let chatState: string | undefined;
  let bot: WechatBot;

  const reportChat = (b: WechatBot) => {
    const found = findStaffChat(b.contacts, o.chat);
    const state = found.found ? 'found' : found.reason;
    if (state === chatState) return;
    chatState = state;
    if (found.found) o.logger.info({ chat: o.chat, by: found.by }, 'staff chat found: alerts go to it');
    else if (found.reason === 'ambiguous') o.logger.warn({ chat: o.chat, count: found.count }, 'several group chats have the STAFF_BOT_CHAT name: give the staff group a unique remark name and set STAFF_BOT_CHAT to it');
    else o.logger.info({ chat: o.chat }, 'staff chat not among the contacts (yet): the account must be in the group, and the group saved to its contacts');
  };

  const launch = (data?: object) => {
    const b = o.createBot(data);
    bot = b;
    chatState = undefined;
    b.setPollingTargetGetter(() => '');
    let loggedIn = false;
    let ended = false;
    // an old (or logged-out) bot's late events are ignored: only the current one speaks for the login
    const current = () => !stopped && !ended && b === bot;
    b.on('uuid', (uuid) => {
      if (!current()) return;
      o.showQr(qrUrl(uuid));
      o.logger.info('staff bot waiting for a scan: open the QR link printed above and scan it with the staff WeChat account, then confirm on the phone');
    });
    b.on('login', () => {
      if (!current()) return;
      attempt = 0;
      loggedIn = true;
      try {
        saveLoginData(o.loginFile, b.botData);
        o.logger.info({ file: o.loginFile }, 'staff bot logged in; login data saved (a restart resumes it without a scan)');
      } catch (e) {
        o.logger.error({ file: o.loginFile, err: (e as Error).message }, 'staff bot logged in, but the login data could not be saved: a restart will need a new scan');
      }
      reportChat(b);
    });
    b.on('contacts-updated', () => {
      if (current()) reportChat(b);
    });
    b.on('logout', () => {
      if (!current()) return;
      ended = true; // wechat4u may say logout twice (restart() fails, then stop()): one new login only
      removeLoginData(o.loginFile);
      const wait = retryDelay(attempt++);
      const why = loggedIn
        ? 'staff bot logged out (on the phone, or by WeChat): alerts are not sent until someone scans the new QR code'
        : data
          ? 'the saved staff bot login is no longer valid: alerts are not sent until someone scans the new QR code'
          : 'staff bot login not completed (the QR code was not scanned in time, or the login failed): a new QR code follows';
      o.logger.warn({ retryInS: Math.round(wait / 1000) }, why);
      retryTimer = setTimeout(() => {
        if (!stopped) launch();
      }, wait);
    });
    b.on('error', (err) => {
      if (current()) o.logger.warn(errorFields(err), 'staff bot: wechat4u reported an error');
    });
    const go = data ? b.restart() : b.start();
    go.catch((err: unknown) => o.logger.warn(errorFields(err), 'staff bot: login failed'));
  };

  const saved = readLoginData(o.loginFile, o.logger);
  if (saved) o.logger.info({ file: o.loginFile }, 'staff bot resuming the saved login');
  launch(saved);

  const client: StaffChatClient = {
    get state() {
      return bot.state;
    },
    get CONF() {
      return bot.CONF;
    },
    get contacts() {
      return bot.contacts;
    },
    sendMsg: (text, to) => bot.sendMsg(text, to),
  };
  return {
    client,
    stop: () => {
      if (stopped) return;
      stopped = true;
      clearTimeout(retryTimer);
      if (bot.state === bot.CONF.STATE.login) {
        try {
          saveLoginData(o.loginFile, bot.botData);
        } catch (e) {
          o.logger.warn({ file: o.loginFile, err: (e as Error).message }, 'staff bot login data could not be saved at shutdown');
        }
      }
    },
  };
}
