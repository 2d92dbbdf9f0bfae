import { closeExpiredReserve, closeUnansweredResolved, type ReserveRules } from '../civic/index.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';
import { closeIdleTickets, type InboxNotice } from './handoff.js';

/** closing idle tickets: after how long, and how the resident is told the bot is back */
export interface IdleTickets {
  idleMinutes: number;
  /** best effort (a closed window means the resident finds the bot answering at their next message) */
  tell: (ticket: { id: number; openid: string }) => Promise<void>;
  /** the resident's turn card is not trusted again (state/resident-card.ts): their next message is the bot's */
  forget: (openid: string) => Promise<void>;
  inbox?: (notice: InboxNotice) => Promise<void>;
}

/** how often the jobs look: often enough for an idle ticket to close within minutes of its time */
export const HOUSEKEEPING_EVERY_MS = 5 * 60_000;

export interface Housekeeping {
  runOnce(): Promise<number[]>;
  stop(): void;
}

/**
 * Periodic jobs of the case lifecycle: a resolved report whose resident did not answer
 * "问题解决了吗" within `closeAfterDays` is closed (each case guarded by its transition, so several
 * instances running it at once close each case once); with `reserve`, a proposal kept in the 备选库
 * longer than config/reserve.yaml allows is closed with a push; with `idleTickets`, a ticket nobody wrote on
 * for its idle time closes and its resident is told the bot is back.
 */
export function startHousekeeping(o: {
  db: Db;
  logger: Logger;
  closeAfterDays?: number;
  /** config/reserve.yaml: how long the 备选库 keeps a proposal; absent: the reserve is not closed here */
  reserve?: ReserveRules;
  everyMs?: number;
  now?: () => Date;
  idleTickets?: IdleTickets;
}): Housekeeping {
  const now = o.now ?? (() => new Date());
  const runOnce = async () => {
    const closed = await closeUnansweredResolved(o.db, { olderThanDays: o.closeAfterDays ?? 7, now: now() });
    if (closed.length) o.logger.info({ closed }, 'closed resolved reports nobody answered');
    if (o.reserve) {
      const expired = await closeExpiredReserve(o.db, { keepYears: o.reserve.keepYears, now: now() });
      if (expired.length) o.logger.info({ expired }, 'closed proposals whose time in the reserve is over');
    }
    if (o.idleTickets) await closeIdle(o.db, o.logger, o.idleTickets, now());
    return closed;
  };
  const timer = setInterval(() => {
    runOnce().catch((err: unknown) => o.logger.error({ err }, 'housekeeping failed'));
  }, o.everyMs ?? 3600_000);
  timer.unref();
  return { runOnce, stop: () => clearInterval(timer) };
}

async function closeIdle(db: Db, logger: Logger, idle: IdleTickets, now: Date): Promise<void> {
  const tickets = await closeIdleTickets(db, { idleMinutes: idle.idleMinutes, now });
  if (!tickets.length) return;
  logger.info({ tickets: tickets.map((t) => t.id) }, 'closed idle tickets');
  for (const t of tickets) {
    // a lost bump leaves a card that ends within its ten minutes (resident-card.ts)
    await idle.forget(t.openid).catch((err: unknown) => logger.warn({ ticketId: t.id, err: err instanceof Error ? err.message : String(err) }, 'resident card not forgotten after the idle close'));
    await idle.inbox?.({ type: 'ticket_updated', ticketId: t.id, communityId: t.communityId, status: 'resolved' });
    await idle.tell(t).catch((err: unknown) => logger.warn({ ticketId: t.id, err: err instanceof Error ? err.message : String(err) }, 'resident not told of the idle close'));
  }
}
