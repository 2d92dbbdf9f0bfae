import type { StateStore } from '../state/store.js';

export const RATE_KEY_PREFIX = 'push:rate:';

/**
 * The account-wide send rate, shared by every worker through the state store: at most
 * `perSecond` sends start in any one clock second. Each send INCRs the counter of its second
 * (atomic on Redis and in memory, so workers never both take the last token); over the limit,
 * the caller sleeps to the next second and tries again. Fixed windows allow a burst of up to
 * 2 × perSecond across a second boundary — WeChat's own limits are per minute and per day, so
 * this only smooths the flow. perSecond ≤ 0 = no limit.
 */
export class SendRateLimiter {
  constructor(
    private readonly store: StateStore,
    private readonly perSecond: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** waits for a send token */
  async acquire(): Promise<void> {
    if (this.perSecond <= 0) return;
    for (;;) {
      const t = this.now();
      const second = Math.floor(t / 1000);
      // the key outlives its second a little so a worker whose clock lags still counts against it
      const n = await this.store.incr(`${RATE_KEY_PREFIX}${second}`, 5_000);
      if (n <= this.perSecond) return;
      await this.sleep(Math.max(1, (second + 1) * 1000 - t));
    }
  }
}
