import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { readYamlFile } from '../config/yaml-file.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { formatDate } from '../texts/format.js';
import { chinaDate } from './calendar.js';
import { chinaWallClock } from '../china-time.js';
import type { CaseRow } from './kinds/kind.js';
import { countOpenObjections } from './objection-count.js';
import { civicTexts, fill } from './texts.js';

/** How long a selected project stays in 公示 at least (config/publicity.yaml). */
export interface PublicityRules {
  /** natural days, China time, the first and the last day both counted */
  minDays: number;
}

const fileSchema = z.object({ minDays: z.number().int().min(1).max(90) });

export const defaultPublicityFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../config/publicity.yaml');

/** reads the file; a bad value is a ConfigError naming the file and the key */
export const loadPublicityRules = (file: string = defaultPublicityFile): PublicityRules => readYamlFile(file, fileSchema);

let cached: PublicityRules | undefined;
/** config/publicity.yaml, read once */
export function defaultPublicityRules(): PublicityRules {
  cached ??= loadPublicityRules();
  return cached;
}

export const publicityOf = (ctx: { publicity?: PublicityRules }): PublicityRules => ctx.publicity ?? defaultPublicityRules();

const DAY_MS = 86_400_000;
const dayNumber = (d: Date): number => Date.parse(`${chinaDate(d)}T00:00:00Z`) / DAY_MS;

/** natural days a 公示 covers as residents read it (3月2日 至 3月8日: 7), China time, both ends counted */
export const publicityDays = (start: Date, end: Date): number => dayNumber(end) - dayNumber(start) + 1;

/**
 * Entering 公示: the period staff set is at least the account's minimum. Refused with the minimum
 * and the earliest end it allows, so the next try is right.
 */
export function checkPublicityLength(start: Date, end: Date, rules: PublicityRules, now: Date): void {
  if (publicityDays(start, end) >= rules.minDays) return;
  const earliestEnd = new Date(start.getTime() + (rules.minDays - 1) * DAY_MS);
  throw new AppError(
    'bad_request',
    fill(civicTexts.errors.publicityTooShort, { days: rules.minDays, start: formatDate(start, now), end: formatDate(earliestEnd, now) }),
    { reason: 'publicity_too_short' },
  );
}

/** 12月14日, or 12月14日 15:00 when the 公示 does not end with a day (set by hand, not by the date picker) */
function endText(end: Date, now: Date): string {
  const c = chinaWallClock(end);
  const minute = c.getUTCHours() * 60 + c.getUTCMinutes();
  if (minute === 0 || minute === 24 * 60 - 1) return formatDate(end, now);
  return `${formatDate(end, now)} ${String(c.getUTCHours()).padStart(2, '0')}:${String(c.getUTCMinutes()).padStart(2, '0')}`;
}

/**
 * What keeps a project in 公示 from being implemented, each refused in its own words: the period
 * not over yet, then an objection not answered yet (objections.ts; counted in the move's
 * transaction, so an objection raised at the same moment is seen or waits for the move).
 */
export async function checkPublicityOver(c: { tx: Db; row: Pick<CaseRow, 'id' | 'publicityEnd'>; now: Date }): Promise<void> {
  const end = c.row.publicityEnd;
  if (end && c.now < end)
    throw new AppError('bad_request', fill(civicTexts.errors.publicityNotOver, { end: endText(end, c.now) }), { reason: 'publicity_not_over' });
  const open = await countOpenObjections(c.tx, c.row.id);
  if (open > 0) throw new AppError('bad_request', fill(civicTexts.errors.objectionsOpen, { count: open }), { reason: 'objections_open' });
}
