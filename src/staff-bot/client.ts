/**
 * The part of wechat4u (a personal WeChat account driven through the web-WeChat protocol) that the
 * staff bot uses, and nothing more. Only src/staff-bot/main.ts loads wechat4u itself; everything
 * else, and every test, sees these interfaces (tests drive a fake).
 */

/** a chat in the account's contacts: a person, or a group when UserName starts with @@ */
export interface BotContact {
  /** this login session's id of the chat (it changes at every login) */
  readonly UserName: string;
  readonly NickName?: string;
  /** the name the account gave the chat (备注) */
  readonly RemarkName?: string;
}

/** what the alert adapter needs: the login state, the contacts, sending a text */
export interface StaffChatClient {
  /** wechat4u's `bot.state`: equal to CONF.STATE.login while logged in */
  readonly state: string;
  readonly CONF: { readonly STATE: { readonly login: string } };
  /** UserName → contact; filled after the login, updated by contacts-updated */
  readonly contacts: Readonly<Record<string, BotContact>>;
  /** a string is sent as a text message; rejects when WeChat refuses it */
  sendMsg(text: string, toUserName: string): Promise<unknown>;
}

/** what the process needs besides: the login lifecycle and its saved data */
export interface WechatBot extends StaffChatClient {
  /** uin is set once logged in, or when login data was restored */
  readonly PROP: { readonly uin: string | number };
  /** everything needed to resume the login without a new scan (cookies, keys: a secret) */
  readonly botData: unknown;
  /** logs in by QR code (emits uuid, then login) */
  start(): Promise<void>;
  /** resumes a restored login (emits login, or logout when WeChat has ended it) */
  restart(): Promise<void>;
  on(event: 'uuid', listener: (uuid: string) => void): unknown;
  on(event: 'login' | 'logout', listener: () => void): unknown;
  on(event: 'contacts-updated', listener: (contacts: unknown[]) => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  /** wechat4u sends a heartbeat text to this chat every 5 min; '' turns the heartbeat text off */
  setPollingTargetGetter(getter: () => string): void;
}

/** builds a bot, resuming from saved login data when given */
export type CreateBot = (botData?: object) => WechatBot;

/** the shape checked when wechat4u is loaded, so an incompatible version fails with a clear message */
export function asWechatBot(bot: unknown): WechatBot {
  const b = bot as Record<string, unknown> | null;
  const missing = ['start', 'restart', 'on', 'sendMsg', 'setPollingTargetGetter'].filter((m) => typeof b?.[m] !== 'function');
  if (!b || missing.length || typeof b.contacts !== 'object' || typeof b.PROP !== 'object' || typeof b.CONF !== 'object') {
    throw new Error(`wechat4u does not have the API the staff bot was written for (0.7.x)${missing.length ? `: missing ${missing.join(', ')}` : ''}`);
  }
  return bot as WechatBot;
}
