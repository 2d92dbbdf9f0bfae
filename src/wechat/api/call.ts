import type { z } from 'zod';
import { silentLogger, type Logger } from '../../log.js';
import { WechatApiError } from './errors.js';
import type { ApiRequest, BinaryResult, WechatHttp } from './http.js';
import { withTransientRetry, type RetryOptions } from './retry.js';
import { tokenTag, type AccessTokenService } from './token.js';

/** errcodes that mean "this access token is no good" */
export const TOKEN_ERRCODES = new Set([40001, 40014, 42001]);

export interface CallSpec extends Omit<ApiRequest, 'accessToken'> {
  /** safe to repeat: a duplicate has no effect a resident would notice */
  idempotent: boolean;
  /** for MaybeSentError and logs */
  openid?: string;
}

/**
 * An authenticated WeChat call: the access token is added, a token error (40001/40014/42001)
 * invalidates exactly that token and retries once with a fresh one, and -1/transport errors go
 * through withTransientRetry (repeated only when the call is idempotent).
 */
export class WechatCaller {
  constructor(
    private readonly http: WechatHttp,
    private readonly tokens: AccessTokenService,
    private readonly retry: RetryOptions = {},
    private readonly logger: Logger = silentLogger,
  ) {}

  json<S extends z.ZodType>(spec: CallSpec, schema: S): Promise<z.output<S>> {
    return this.withToken(spec, (token) => this.http.json({ ...spec, accessToken: token }, schema));
  }

  binary(spec: CallSpec, maxBytes: number): Promise<BinaryResult> {
    return this.withToken(spec, (token) => this.http.binary({ ...spec, accessToken: token }, maxBytes));
  }

  private async withToken<T>(spec: CallSpec, fn: (token: string) => Promise<T>): Promise<T> {
    const run = (token: string) =>
      withTransientRetry({ api: spec.api, idempotent: spec.idempotent, ...(spec.openid ? { openid: spec.openid } : {}) }, () => fn(token), this.retry);
    const token = await this.tokens.getAccessToken();
    try {
      return await run(token);
    } catch (e) {
      if (!(e instanceof WechatApiError) || !TOKEN_ERRCODES.has(e.errcode)) throw e;
      // WeChat rejected the token, so the call had no effect: retrying is safe even for a send
      this.logger.warn({ api: spec.api, errcode: e.errcode, tokenTag: tokenTag(token) }, 'access token rejected; retrying once with a fresh one');
      const fresh = await this.tokens.refreshAfterRejection(token);
      return run(fresh);
    }
  }
}
