import { createHash } from 'node:crypto';
import { z } from 'zod';
import { silentLogger, type Logger } from '../../log.js';
import { keys } from '../../state/keys.js';
import { LockTimeoutError, withLock } from '../../state/lock.js';
import type { StateStore } from '../../state/store.js';
import { AccessTokenError, WechatApiError } from './errors.js';
import { ForceRefreshBudget, WECHAT_FORCE_REFRESH_LIMITS, type ForceRefreshLimits } from './force-refresh-budget.js';
import type { WechatHttp } from './http.js';
import { withTransientRetry, type RetryOptions } from './retry.js';
import { safeJson } from '../../safe-json.js';

export interface AccessTokenServiceOptions {
  http: WechatHttp;
  store: StateStore;
  appId: string;
  appSecret: string;
  logger?: Logger;
  now?: () => number;
  /** refresh this long before WeChat's expiry (default 5 min) */
  marginMs?: number;
  retry?: RetryOptions;
  forceRefresh?: ForceRefreshLimits;
}

const stableTokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().positive() });
const cachedToken = z.object({ token: z.string().min(1), expiresAt: z.number(), refreshAt: z.number() });

/** errcodes of the token endpoint that only an operator can fix */
const CONFIG_FAILURES = { 40164: 'ip_not_whitelisted', 40125: 'bad_secret', 40013: 'bad_appid' } as const;

/** a short, non-reversible tag for logs: which token, never the token */
export const tokenTag = (t: string) => createHash('sha256').update(t).digest('hex').slice(0, 8);

/**
 * The access token, from POST /cgi-bin/stable_token, cached in the state store so every instance
 * uses the same one. One refresh at a time: in-process callers share one promise, instances
 * share a store lock and re-check the cache after acquiring it. A rejected token is invalidated by
 * compare-and-delete, so a token another instance just fetched is never thrown away.
 */
export class AccessTokenService {
  private readonly now: () => number;
  private readonly logger: Logger;
  private readonly marginMs: number;
  private readonly budget: ForceRefreshBudget;
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly lockTtlMs: number;

  constructor(private readonly opts: AccessTokenServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.logger = opts.logger ?? silentLogger;
    this.marginMs = opts.marginMs ?? 5 * 60_000;
    this.budget = new ForceRefreshBudget(opts.store, opts.appId, this.now, opts.forceRefresh ?? WECHAT_FORCE_REFRESH_LIMITS);
    // long enough for one fetch with all its retries plus a force refresh
    this.lockTtlMs = ((opts.retry?.retries ?? 3) + 2) * opts.http.timeoutMs + 5000;
  }

  private get cacheKey() {
    return keys.accessToken(this.opts.appId);
  }

  /** a valid token: from the cache, or fetched once for everyone waiting */
  async getAccessToken(): Promise<string> {
    const hit = await this.readCache();
    if (hit) return hit.token;
    return this.singleFlight(undefined);
  }

  /**
   * After WeChat rejected `rejected` (40001/40014/42001): drop it (if still cached) and return a
   * different one. If WeChat hands back the same token, one force_refresh is made when allowed.
   */
  async refreshAfterRejection(rejected: string): Promise<string> {
    await this.invalidate(rejected);
    return this.singleFlight(rejected);
  }

  /** compare-and-delete: removes the cached token only if it is `failedToken` */
  async invalidate(failedToken: string): Promise<boolean> {
    const raw = await this.opts.store.get(this.cacheKey);
    if (raw === null) return false;
    const parsed = cachedToken.safeParse(safeJson(raw));
    if (parsed.success && parsed.data.token !== failedToken) return false;
    const removed = await this.opts.store.deleteIfEquals(this.cacheKey, raw);
    if (removed) this.logger.info({ tokenTag: tokenTag(failedToken) }, 'access token invalidated');
    return removed;
  }

  /** force refreshes used in the last 24 h */
  forceRefreshesToday(): Promise<number> {
    return this.budget.usedToday();
  }

  private async readCache(): Promise<z.infer<typeof cachedToken> | null> {
    const raw = await this.opts.store.get(this.cacheKey);
    if (raw === null) return null;
    const parsed = cachedToken.safeParse(safeJson(raw));
    if (!parsed.success || parsed.data.refreshAt <= this.now()) return null;
    return parsed.data;
  }

  private singleFlight(rejected: string | undefined): Promise<string> {
    const k = rejected ?? '';
    let p = this.inflight.get(k);
    if (!p) {
      p = this.refreshUnderLock(rejected).finally(() => this.inflight.delete(k));
      this.inflight.set(k, p);
    }
    return p;
  }

  private async refreshUnderLock(rejected: string | undefined): Promise<string> {
    const usable = (t: { token: string } | null) => (t && t.token !== rejected ? t.token : null);
    try {
      return await withLock(
        this.opts.store,
        keys.accessTokenLock(this.opts.appId),
        { ttlMs: this.lockTtlMs, waitMs: this.lockTtlMs + 1000, retryMs: 25 },
        async () => usable(await this.readCache()) ?? (await this.fetchAndCache(rejected)),
      );
    } catch (e) {
      if (!(e instanceof LockTimeoutError)) throw e;
      const late = usable(await this.readCache());
      if (late) return late;
      throw new AccessTokenError('lock_timeout');
    }
  }

  private async fetchAndCache(rejected: string | undefined): Promise<string> {
    let answer = await this.fetchStable(false);
    if (rejected !== undefined && answer.access_token === rejected) {
      const blockedUntil = await this.budget.blockedUntil();
      if (blockedUntil !== null) {
        await this.writeCache(answer);
        this.logger.error({ tokenTag: tokenTag(rejected), retryAt: new Date(blockedUntil).toISOString() }, 'rejected token returned again; force_refresh not allowed yet');
        throw new AccessTokenError('force_refresh_limited', undefined, `next force refresh allowed at ${new Date(blockedUntil).toISOString()}`);
      }
      await this.budget.note();
      this.logger.warn({ tokenTag: tokenTag(rejected) }, 'rejected token returned again; using force_refresh');
      answer = await this.fetchStable(true);
    }
    await this.writeCache(answer);
    this.logger.info({ tokenTag: tokenTag(answer.access_token), expiresIn: answer.expires_in }, 'access token refreshed');
    return answer.access_token;
  }

  private async writeCache(answer: z.infer<typeof stableTokenAnswer>): Promise<void> {
    const t = this.now();
    const lifeMs = answer.expires_in * 1000;
    const refreshAt = t + lifeMs - Math.min(this.marginMs, lifeMs / 2);
    const value = JSON.stringify({ token: answer.access_token, expiresAt: t + lifeMs, refreshAt });
    await this.opts.store.set(this.cacheKey, value, Math.max(1000, refreshAt - t));
  }

  private async fetchStable(forceRefresh: boolean): Promise<z.infer<typeof stableTokenAnswer>> {
    const call = () =>
      this.opts.http.json(
        {
          api: 'stable_token',
          json: { grant_type: 'client_credential', appid: this.opts.appId, secret: this.opts.appSecret, force_refresh: forceRefresh },
        },
        stableTokenAnswer,
      );
    try {
      // a forced refresh rotates the token and counts against the daily limit: never repeated
      return forceRefresh ? await call() : await withTransientRetry({ api: 'stable_token', idempotent: true }, call, this.opts.retry);
    } catch (e) {
      if (e instanceof WechatApiError && e.errcode in CONFIG_FAILURES) {
        const reason = CONFIG_FAILURES[e.errcode as keyof typeof CONFIG_FAILURES];
        this.logger.error({ errcode: e.errcode, errmsg: e.errmsg }, 'access token refused');
        throw new AccessTokenError(reason, e.errcode, e.errmsg);
      }
      throw e;
    }
  }
}

