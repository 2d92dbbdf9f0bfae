import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import { refusedData } from '../db/refused-data.js';
import type { Logger } from '../log.js';
import { safeJson } from '../safe-json.js';
import { keys } from '../state/keys.js';
import type { StateStore } from '../state/store.js';
import { insertLines, transcriptLineSchema, type TranscriptLine } from './transcript-lines.js';

/** how often the queue is looked at: the staff inbox shows a resident's message well within a second */
export const TRANSCRIPT_DRAIN_EVERY_MS = 200;
const BATCH = 500;
/** long enough for a slow insert of one batch; a drainer that outlives it removes nothing (dropHeadIfEquals) */
const LOCK_TTL_MS = 10_000;

export interface TranscriptDrain {
  /** moves everything queued so far to PostgreSQL (waits for a drain in progress); the lines moved */
  drain(): Promise<number>;
  /** stops looking, after one last drain */
  stop(): Promise<void>;
}

/**
 * Moves the transcript lines turns wrote behind (transcript-lines.ts) from the state store's queue
 * to PostgreSQL, in batches and in queue order. Every web process and every worker runs one; the
 * queue's lock lets one drain at a time, which keeps each resident's lines in the order their
 * turns committed them. A batch is inserted, then removed from the queue's head while the lock is
 * still held: a drainer that dies in between leaves the batch for the next, whose insert skips the
 * lines already there (their keys), so each line is in the table once. While PostgreSQL is away
 * the lines wait in the queue.
 */
export function startTranscriptDrain(o: { db: Db; store: StateStore; logger: Logger; everyMs?: number }): TranscriptDrain {
  let running: Promise<number> = Promise.resolve(0);
  let failing = false;
  let stopped = false;

  const once = async (): Promise<number> => {
    const token = randomUUID();
    if (!(await o.store.setIfAbsent(keys.transcriptDrainLock, token, LOCK_TTL_MS))) return 0;
    let moved = 0;
    try {
      for (;;) {
        const raws = await o.store.lrange(keys.transcriptQueue, 0, BATCH - 1);
        if (!raws.length) break;
        await insertBatch(o.db, raws.flatMap((raw) => parseLine(raw, o.logger)), o.logger);
        if (!(await o.store.dropHeadIfEquals(keys.transcriptQueue, raws.length, { key: keys.transcriptDrainLock, expected: token }))) break;
        moved += raws.length;
        if (raws.length < BATCH) break;
      }
    } finally {
      await o.store.deleteIfEquals(keys.transcriptDrainLock, token).catch(() => {});
    }
    return moved;
  };

  // one drain at a time in this process: a drain asked for waits for the one in progress, then runs
  const drain = (): Promise<number> => {
    const next = running.then(once, once);
    running = next.catch(() => 0);
    return next;
  };

  const tick = async () => {
    try {
      await drain();
      if (failing) o.logger.info('transcript lines are reaching the database again');
      failing = false;
    } catch (err) {
      // the lines stay queued; said once per outage, not every tick
      if (!failing) o.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'transcript lines wait in the queue: the drain failed');
      failing = true;
    }
    if (!stopped) timer = setTimeout(() => void tick(), o.everyMs ?? TRANSCRIPT_DRAIN_EVERY_MS).unref();
  };
  let timer = setTimeout(() => void tick(), o.everyMs ?? TRANSCRIPT_DRAIN_EVERY_MS).unref();

  return {
    drain,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await drain().catch((err: unknown) => o.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'transcript lines left in the queue at stop'));
    },
  };
}

/**
 * A batch in one statement; one the database refuses as data (a line it cannot store) goes again a
 * line at a time, and only the refused lines are logged and skipped: one bad line never stops the
 * queue for everyone. An unreachable database is not a refusal: the batch stays queued.
 */
async function insertBatch(db: Db, lines: TranscriptLine[], logger: Logger): Promise<void> {
  try {
    await insertLines(db, lines);
  } catch (err) {
    if (!refusedData(err)) throw err;
    for (const line of lines) {
      try {
        await insertLines(db, [line]);
      } catch (e) {
        if (!refusedData(e)) throw e;
        // its length only: the line is a resident's words
        logger.error({ bytes: line.b.length, direction: line.d }, 'transcript line the database refuses skipped');
      }
    }
  }
}

/** a line the queue cannot hold as written is logged and skipped, never a reason to stop draining the rest */
function parseLine(raw: string, logger: Logger): TranscriptLine[] {
  const r = transcriptLineSchema.safeParse(safeJson(raw));
  if (r.success) return [r.data];
  // its length only: the line is a resident's words
  logger.error({ bytes: raw.length }, 'unreadable transcript line skipped');
  return [];
}
