/**
 * Errors of the WeChat API client. None of them carries an access token or the app secret: the
 * messages name the API (e.g. 'message/custom/send') and WeChat's errcode/errmsg only.
 */

/** WeChat answered with a non-zero errcode. */
export class WechatApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat API ${api} failed: ${errcode} ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

/**
 * The call did not get a usable answer: network error, timeout, HTTP 5xx, or a body that is not
 * WeChat's JSON. `maybeDelivered` is true when the request may have reached WeChat (a timeout, a
 * reset after the request was written, a 5xx or a garbled 200); false when it certainly did not
 * (connection refused, DNS failure, connect timeout).
 */
export class WechatTransportError extends Error {
  /** the HTTP status when there was one */
  readonly status: number | undefined;
  constructor(
    readonly api: string,
    readonly reason: 'timeout' | 'network' | 'http_status' | 'bad_response',
    readonly maybeDelivered: boolean,
    detail: string,
    options: { status?: number; cause?: unknown } = {},
  ) {
    super(`WeChat API ${api} ${reason}: ${detail}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WechatTransportError';
    this.status = options.status;
  }
}

/**
 * A non-idempotent send (customer-service message) failed in a way that may have delivered it:
 * it was not retried, so the resident got the message once or not at all. Do not resend blindly.
 */
export class MaybeSentError extends Error {
  constructor(
    readonly api: string,
    readonly openid: string | undefined,
    cause: WechatApiError | WechatTransportError,
  ) {
    super(`WeChat API ${api}: the message may or may not have been delivered (${cause.message})`, { cause });
    this.name = 'MaybeSentError';
  }
}

/**
 * No customer-service message can reach this resident now: no open 48 h / 1 min window, or its
 * allowance is used. Callers fall back to a template message.
 */
export class WindowClosedError extends Error {
  constructor(
    readonly openid: string,
    readonly reason: 'window_closed' | 'quota_used',
    /** 45015 or 45047 when WeChat said so; absent when the local ledger refused first */
    readonly errcode?: number,
  ) {
    super(
      `customer-service window for ${openid} ${reason === 'window_closed' ? 'is closed' : 'has no messages left'}` +
        (errcode === undefined ? ' (ledger)' : ` (WeChat ${errcode})`),
    );
    this.name = 'WindowClosedError';
  }
}

/** A template data field breaks WeChat's rules; nothing was sent. */
export class TemplateFieldError extends Error {
  constructor(
    readonly field: string,
    readonly problem: 'too_long' | 'newline' | 'legacy_key' | 'not_text',
    detail: string,
  ) {
    super(`template field "${field}": ${detail}`);
    this.name = 'TemplateFieldError';
  }
}

export type AccessTokenFailure = 'ip_not_whitelisted' | 'bad_secret' | 'bad_appid' | 'force_refresh_limited' | 'lock_timeout';

const failureText: Record<AccessTokenFailure, string> = {
  ip_not_whitelisted: "this server's IP address is not in the official account's IP whitelist (微信开发者平台 → 公众号 → IP白名单)",
  bad_secret: 'the AppSecret is wrong or was reset (WECHAT_APP_SECRET)',
  bad_appid: 'the AppID is wrong (WECHAT_APP_ID)',
  force_refresh_limited: 'WeChat keeps returning a rejected access token and force_refresh is rate limited (≥ 30 s apart, ≤ 20 a day)',
  lock_timeout: 'another instance held the token refresh lock for too long',
};

/** No access token could be obtained; `reason` names the cause an operator must fix. */
export class AccessTokenError extends Error {
  constructor(
    readonly reason: AccessTokenFailure,
    readonly errcode?: number,
    detail?: string,
  ) {
    super(`cannot get a WeChat access token: ${failureText[reason]}${detail ? ` — ${detail}` : ''}`);
    this.name = 'AccessTokenError';
  }
}
