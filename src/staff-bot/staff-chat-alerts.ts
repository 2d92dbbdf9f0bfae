import { fitBytes, type StaffAlerts } from '../console/alerts/staff-alerts.js';
import { consoleKeys } from '../console/keys.js';
import type { Logger } from '../log.js';
import type { StateStore } from '../state/store.js';
import type { StaffChatClient } from './client.js';
import { findStaffChat } from './staff-chat.js';

/**
 * A personal account has no published sending limit, and WeChat restricts accounts that post like
 * machines. 10 a minute, at least 3 s apart, is about the pace of a busy person typing, and more
 * than staff can read in a group: in a storm the rest are dropped (an overdue case is tried again
 * at the next sweep) and the console still lists everything.
 */
export const STAFF_BOT_PER_MINUTE = 10;
export const STAFF_BOT_MIN_GAP_MS = 3000;
/** alerts are a line or two; the same cut as the WeCom robot's */
export const STAFF_BOT_TEXT_MAX_BYTES = 2048;

export interface StaffChatAlertsOptions {
  client: StaffChatClient;
  /** the staff group chat's name or remark name (STAFF_BOT_CHAT): the one chat alerts go to */
  chat: string;
  /** the per-minute budget is counted here, so a restart (or a second bot) does not reset it */
  store: StateStore;
  logger: Logger;
  now?: () => number;
  /** spacing between two sends of this process (default 3 s; tests use 0) */
  minGapMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
/** wechat4u puts its Chinese description of a failure in err.tips (its errors also carry the request's cookies: never logged) */
const tipsOf = (err: unknown): string | undefined => {
  const tips = (err as { tips?: unknown } | null)?.tips;
  return typeof tips === 'string' ? tips : undefined;
};

/**
 * Alerts to the staff group chat through the staff bot's WeChat account. `send` is the only way
 * out and it reaches only the configured chat. It answers false, never throws, when the account is
 * logged out, the chat is not among the contacts (or two groups share its name), the budget of
 * 10 a minute is used, or WeChat refuses the message, and logs why: once per cause in a row, so a
 * logged-out bot does not log every overdue case of every sweep.
 */
export class StaffChatAlerts implements StaffAlerts {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private queue: Promise<unknown> = Promise.resolve();
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private lastRefusal: string | undefined;

  constructor(private readonly o: StaffChatAlertsOptions) {
    this.now = o.now ?? Date.now;
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** one at a time, in order, spaced by the minimum gap */
  send(text: string): Promise<boolean> {
    const sent = this.queue
      .then(() => this.sendNow(text))
      .catch((err: unknown) => {
        // the budget could not be counted (Redis unreachable): not sent rather than sent uncounted
        this.o.logger.warn({ chat: this.o.chat, err: errorText(err) }, 'staff alert not sent: the state store failed');
        return false;
      });
    this.queue = sent;
    return sent;
  }

  private async sendNow(text: string): Promise<boolean> {
    const { client } = this.o;
    if (client.state !== client.CONF.STATE.login) {
      return this.refuse('logged-out', {}, 'staff alert not sent: the staff bot is logged out (scan the QR code printed by npm run staff-bot)');
    }
    const chat = findStaffChat(client.contacts, this.o.chat);
    if (!chat.found) {
      return chat.reason === 'missing'
        ? this.refuse('chat-missing', { chat: this.o.chat }, 'staff alert not sent: no group chat with this name or remark name among the contacts (is the account in the group, and is the group saved to contacts?)')
        : this.refuse('chat-ambiguous', { chat: this.o.chat, count: chat.count }, 'staff alert not sent: several group chats have this name; give the staff group a unique remark name and set STAFF_BOT_CHAT to it');
    }
    const wait = this.lastSentAt + (this.o.minGapMs ?? STAFF_BOT_MIN_GAP_MS) - this.now();
    if (wait > 0) await this.sleep(wait);
    const minute = Math.floor(this.now() / 60_000);
    const used = await this.o.store.incr(consoleKeys.alertBudget('staff-bot', minute), 120_000);
    if (used > STAFF_BOT_PER_MINUTE) {
      return this.refuse(`budget:${minute}`, { minute }, `staff alert dropped: the staff bot's budget of ${STAFF_BOT_PER_MINUTE} a minute is used`);
    }
    this.lastSentAt = this.now();
    try {
      await client.sendMsg(fitBytes(text, STAFF_BOT_TEXT_MAX_BYTES), chat.userName);
    } catch (err) {
      this.lastRefusal = undefined;
      this.o.logger.warn({ chat: this.o.chat, err: errorText(err), tips: tipsOf(err) }, 'staff alert not sent: WeChat refused the message');
      return false;
    }
    if (this.lastRefusal) this.o.logger.info({ chat: this.o.chat }, 'staff alerts reach the staff chat again');
    this.lastRefusal = undefined;
    return true;
  }

  private refuse(cause: string, fields: object, message: string): false {
    if (cause !== this.lastRefusal) this.o.logger.warn(fields, message);
    else this.o.logger.debug(fields, message);
    this.lastRefusal = cause;
    return false;
  }
}
