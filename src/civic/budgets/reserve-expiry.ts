import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { readYamlFile } from '../../config/yaml-file.js';
import type { Db } from '../../db/client.js';
import { caseEvents, cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { transitionInTx } from '../lifecycle/transition.js';
import { proposal } from '../kinds/proposal.js';

/** config/reserve.yaml */
export interface ReserveRules {
  /** years a proposal stays in the 备选库 before it is closed */
  keepYears: number;
}

const fileSchema = z.object({ keepYears: z.number().int().min(1).max(10) });
export const defaultReserveFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config/reserve.yaml');

/** reads the file; a bad value is a ConfigError naming the file and the key */
export const loadReserveRules = (file: string = defaultReserveFile): ReserveRules => readYamlFile(file, fileSchema);

let cached: ReserveRules | undefined;
export function defaultReserveRules(): ReserveRules {
  cached ??= loadReserveRules();
  return cached;
}

/** the instant `years` calendar years before `now` (29 February falls back to 1 March) */
export function yearsBefore(now: Date, years: number): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

const RESERVE = 'reserve';
const EXPIRED = 'declined';

/**
 * Closes the proposals whose time in the 备选库 is over: in reserve since (their latest move there)
 * `keepYears` or more before `now`. Each by the lifecycle's own system move (reserve → declined, its
 * public note pushed to the proposer and supporters), in its own transaction; one moved meanwhile
 * (promoted by staff) is skipped. Returns the closed case ids.
 */
export async function closeExpiredReserve(db: Db, q: { keepYears: number; now: Date; limit?: number }): Promise<number[]> {
  const cutoff = yearsBefore(q.now, q.keepYears);
  const since = sql<Date>`(select max(${caseEvents.at}) from ${caseEvents} where ${caseEvents.caseId} = ${cases.id} and ${caseEvents.toStatus} = ${RESERVE})`;
  const due = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.kind, proposal.kind), eq(cases.status, RESERVE), sql`${since} <= ${cutoff.toISOString()}::timestamptz`))
    .orderBy(cases.id)
    .limit(q.limit ?? 500);
  const closed: number[] = [];
  for (const { id } of due) {
    try {
      await db.transaction((tx) => transitionInTx(tx, { caseId: id, from: RESERVE, to: EXPIRED, actor: { type: 'system', id: 'reserve-expiry' } }, { now: q.now }));
      closed.push(id);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'conflict')) throw e;
    }
  }
  return closed;
}
