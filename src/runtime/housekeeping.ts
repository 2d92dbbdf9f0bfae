import { closeUnansweredResolved } from '../civic/index.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';

export interface Housekeeping {
  runOnce(): Promise<number[]>;
  stop(): void;
}

/**
 * Periodic jobs of the case lifecycle: a resolved report whose resident did not answer
 * "问题解决了吗" within `closeAfterDays` is closed (each case guarded by its transition, so several
 * instances running it at once close each case once).
 */
export function startHousekeeping(o: { db: Db; logger: Logger; closeAfterDays?: number; everyMs?: number; now?: () => Date }): Housekeeping {
  const now = o.now ?? (() => new Date());
  const runOnce = async () => {
    const closed = await closeUnansweredResolved(o.db, { olderThanDays: o.closeAfterDays ?? 7, now: now() });
    if (closed.length) o.logger.info({ closed }, 'closed resolved reports nobody answered');
    return closed;
  };
  const timer = setInterval(() => {
    runOnce().catch((err: unknown) => o.logger.error({ err }, 'housekeeping failed'));
  }, o.everyMs ?? 3600_000);
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}
