import {
  AccessTokenError,
  MaybeSentError,
  TemplateFieldError,
  TOKEN_ERRCODES,
  WechatApiError,
  WechatTransportError,
  WindowClosedError,
} from '../wechat/api/index.js';
import { LockTimeoutError } from '../state/lock.js';

/** 43004 not following, 40003 openid not of this account, 43019 the resident blocked us */
export const UNREACHABLE_ERRCODES = new Set([43004, 40003, 43019]);
/** -1 system busy, 45011 API called too often: worth another try later */
const BUSY_ERRCODES = new Set([-1, 45011]);
/** the account's daily template allowance is used (resets at 00:00 China time) */
export const DAILY_QUOTA_ERRCODE = 45009;

export type SendVerdict =
  /** the resident cannot be reached: mark them unreachable, dead-letter without retry */
  | { kind: 'unreachable'; reason: string; errcode: number }
  /** try again later; maybeDelivered = WeChat may have carried the send out */
  | { kind: 'transient'; reason: string; maybeDelivered: boolean }
  /** the account's template quota for today is used */
  | { kind: 'daily_quota'; reason: string }
  /** this send cannot succeed as it is (no such template, bad argument …); nothing was delivered */
  | { kind: 'refused'; reason: string }
  /** customer-service only: the window is closed or used up; nothing was delivered */
  | { kind: 'window_closed'; reason: string }
  /** customer-service only: it may have been delivered and must not be repeated */
  | { kind: 'maybe_sent'; reason: string };

const short = (e: Error) => e.message.slice(0, 300);

/** What a failed send means for the push. Errors not from the WeChat client count as transient. */
export function classifySendError(e: unknown): SendVerdict {
  if (e instanceof WindowClosedError) return { kind: 'window_closed', reason: `window_closed: ${e.reason}` };
  if (e instanceof MaybeSentError) return { kind: 'maybe_sent', reason: `maybe_sent: ${short(e)}` };
  if (e instanceof TemplateFieldError) return { kind: 'refused', reason: `template_field: ${short(e)}` };
  if (e instanceof WechatApiError) {
    const reason = `${e.errcode} ${e.errmsg}`.trim().slice(0, 200);
    if (UNREACHABLE_ERRCODES.has(e.errcode)) return { kind: 'unreachable', reason, errcode: e.errcode };
    if (e.errcode === DAILY_QUOTA_ERRCODE) return { kind: 'daily_quota', reason };
    // -1 may come after WeChat did the work (the client treats it so too); a token error did nothing
    if (BUSY_ERRCODES.has(e.errcode)) return { kind: 'transient', reason, maybeDelivered: e.errcode === -1 };
    if (TOKEN_ERRCODES.has(e.errcode)) return { kind: 'transient', reason, maybeDelivered: false };
    return { kind: 'refused', reason };
  }
  if (e instanceof WechatTransportError) return { kind: 'transient', reason: `${e.reason}: ${short(e)}`, maybeDelivered: e.maybeDelivered };
  if (e instanceof AccessTokenError || e instanceof LockTimeoutError) return { kind: 'transient', reason: short(e), maybeDelivered: false };
  if (e instanceof TypeError || e instanceof RangeError) return { kind: 'refused', reason: `bug: ${short(e)}` };
  return { kind: 'transient', reason: e instanceof Error ? short(e) : String(e), maybeDelivered: true };
}
