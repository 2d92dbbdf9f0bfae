import { MaybeSentError, WechatApiError, WechatTransportError } from './errors.js';

export interface RetryOptions {
  /** retries after the first attempt (default 3) */
  retries?: number;
  /** first backoff (default 200 ms), doubled each time up to maxDelayMs */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** injectable for tests */
  sleep?: (ms: number) => Promise<void>;
  /** 0..1; the delay is scaled by 0.5 + random/2 (jitter), default Math.random */
  random?: () => number;
}

/** WeChat's "system busy, try later" */
export const SYSTEM_BUSY = -1;

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function backoffDelay(attempt: number, opts: RetryOptions): number {
  const base = opts.baseDelayMs ?? 200;
  const max = opts.maxDelayMs ?? 2000;
  const jitter = 0.5 + (opts.random ?? Math.random)() / 2;
  return Math.round(Math.min(max, base * 2 ** (attempt - 1)) * jitter);
}

/**
 * Runs one WeChat call with retries on transient failures (-1 and transport errors).
 *
 * Idempotent calls (token, media download, menu create, template send with client_msg_id) are
 * retried with exponential backoff. A non-idempotent call (customer-service send) is retried only
 * when the request certainly never reached WeChat (connection refused); when it may have been
 * delivered (-1, timeout, reset, 5xx) it is not repeated and a MaybeSentError is thrown.
 */
export async function withTransientRetry<T>(
  call: { api: string; idempotent: boolean; openid?: string },
  fn: () => Promise<T>,
  opts: RetryOptions = {},
): Promise<T> {
  const retries = opts.retries ?? 3;
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const busy = e instanceof WechatApiError && e.errcode === SYSTEM_BUSY;
      const transport = e instanceof WechatTransportError;
      if (!busy && !transport) throw e;
      const safeToRepeat = call.idempotent || (transport && !e.maybeDelivered);
      if (!safeToRepeat) throw new MaybeSentError(call.api, call.openid, e);
      if (attempt >= retries) throw e;
      await sleep(backoffDelay(attempt + 1, opts));
    }
  }
}
