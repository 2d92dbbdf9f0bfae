import { randomUUID } from 'node:crypto';
import { keys } from '../../state/keys.js';
import type { StateStore } from '../../state/store.js';

const DAY_MS = 24 * 60 * 60_000;

export interface ForceRefreshLimits {
  /** at least this long between two force refreshes (WeChat: 30 s) */
  minIntervalMs: number;
  /** at most this many in any 24 h (WeChat: 20 a day) */
  perDay: number;
}

export const WECHAT_FORCE_REFRESH_LIMITS: ForceRefreshLimits = { minIntervalMs: 30_000, perDay: 20 };

/**
 * The log of stable_token force_refresh calls, shared by all instances (a sorted set scored by
 * time under keys.forceRefreshLog). Callers hold the token lock, so check-then-note is not raced.
 * A rolling 24 h window is stricter than WeChat's calendar day, so it never exceeds it.
 */
export class ForceRefreshBudget {
  constructor(
    private readonly store: StateStore,
    private readonly appId: string,
    private readonly now: () => number,
    private readonly limits: ForceRefreshLimits = WECHAT_FORCE_REFRESH_LIMITS,
  ) {}

  private get key() {
    return keys.forceRefreshLog(this.appId);
  }

  /** null when a force refresh is allowed now, else the time it will be */
  async blockedUntil(): Promise<number | null> {
    const t = this.now();
    await this.store.zremRangeByScore(this.key, -Infinity, t - DAY_MS);
    const recent = await this.store.zrangeByScore(this.key, t - DAY_MS, Infinity);
    let until = 0;
    if (recent.length >= this.limits.perDay) {
      until = recent[recent.length - this.limits.perDay]!.score + DAY_MS;
    }
    const last = recent.length ? recent[recent.length - 1]!.score : -Infinity;
    until = Math.max(until, last + this.limits.minIntervalMs);
    return until > t ? until : null;
  }

  async note(): Promise<void> {
    const t = this.now();
    await this.store.zadd(this.key, t, `${t}:${randomUUID()}`, DAY_MS + 60_000);
  }

  /** how many force refreshes in the last 24 h (for the staff console and tests) */
  async usedToday(): Promise<number> {
    const t = this.now();
    return this.store.zcount(this.key, t - DAY_MS, Infinity);
  }
}
