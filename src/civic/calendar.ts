import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CHINA_OFFSET_MS } from '../china-time.js';
import { readYamlFile } from '../config/yaml-file.js';

/**
 * Working days in China: Monday–Friday, minus public holidays, plus the weekend days made working
 * days (调休上班). Dates are calendar dates in Asia/Shanghai (UTC+8, no daylight saving).
 */
export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /**
   * the calendar knows this year's holidays and 调休: outside such a year only the weekday rule
   * holds, and a due date counted there is an estimate (the console says so, the log warns)
   */
  covers(year: number): boolean;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const fileSchema = z.object({
  years: z
    .record(
      z.string().regex(/^\d{4}$/),
      z.object({ holidays: z.array(isoDate).default([]), workdays: z.array(isoDate).default([]) }).nullable(),
    )
    .default({}),
});

const yearOf = (date: string) => Number(date.slice(0, 4));

/**
 * A calendar of the listed days; it covers the given years (by default every year a listed day falls
 * in). Each look at a day of an uncovered year is told to `onUncovered` (the listener keeps count).
 */
export function workingCalendar(
  holidays: Iterable<string>,
  workdays: Iterable<string>,
  opts: { years?: Iterable<number>; onUncovered?: (year: number) => void } = {},
): WorkingCalendar {
  const off = new Set(holidays);
  const on = new Set(workdays);
  const years = new Set(opts.years ?? [...off, ...on].map(yearOf));
  return {
    isWorkingDay(date) {
      if (on.has(date)) return true;
      if (off.has(date)) return false;
      const year = yearOf(date);
      if (opts.onUncovered && !years.has(year)) opts.onUncovered(year);
      const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
      return dow !== 0 && dow !== 6;
    },
    covers: (year) => years.has(year),
  };
}

export const defaultHolidaysFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../config/holidays.yaml',
);

/** the State Council's notices as the chinese-days package ships them (2004 to its latest year) */
interface PackagedDays {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}
const packaged = (): PackagedDays => createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackagedDays;

/**
 * The working-day calendar: the chinese-days package's holidays and 调休 working days, with
 * config/holidays.yaml over them — a year listed there replaces the package's year (a notice the
 * package does not have yet, or a local correction).
 */
export function loadCalendar(file: string = defaultHolidaysFile, onUncovered?: (year: number) => void): WorkingCalendar {
  const local = Object.entries(readYamlFile(file, fileSchema).years).flatMap(([y, days]) => (days ? [[Number(y), days] as const] : []));
  const localYears = new Set(local.map(([y]) => y));
  const days = packaged();
  const fromPackage = (list: Record<string, string>) => Object.keys(list).filter((d) => !localYears.has(yearOf(d)));
  const holidays = [...fromPackage(days.holidays), ...local.flatMap(([, d]) => d.holidays)];
  const workdays = [...fromPackage(days.workdays), ...local.flatMap(([, d]) => d.workdays)];
  const years = new Set([...Object.keys(days.holidays).map(yearOf), ...localYears]);
  return workingCalendar(holidays, workdays, { years, ...(onUncovered ? { onUncovered } : {}) });
}

const uncoveredListeners = new Set<(year: number) => void>();
/** tells `listener` of each look the default calendar takes at a year it does not cover (the service logs each year once) */
export function onUncoveredYear(listener: (year: number) => void): () => void {
  uncoveredListeners.add(listener);
  return () => uncoveredListeners.delete(listener);
}

let cached: WorkingCalendar | undefined;
/** chinese-days with config/holidays.yaml over it, read once */
export function defaultCalendar(): WorkingCalendar {
  cached ??= loadCalendar(defaultHolidaysFile, (year) => {
    for (const l of uncoveredListeners) l(year);
  });
  return cached;
}

/** the years from `from` to `to` (inclusive, China dates) the calendar does not cover */
export function uncoveredYears(calendar: WorkingCalendar, from: Date, to: Date): number[] {
  const out: number[] = [];
  for (let y = yearOf(chinaDate(from)); y <= yearOf(chinaDate(to)); y += 1) if (!calendar.covers(y)) out.push(y);
  return out;
}

/** the Asia/Shanghai calendar date of an instant, as YYYY-MM-DD */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The due instant N working days after `from`: the day of submission does not count (a report
 * made on Friday evening with 1 working day is due at the end of Monday); the result is the end
 * of that day (23:59:59.999 Asia/Shanghai).
 */
export function addWorkingDays(from: Date, days: number, calendar: WorkingCalendar): Date {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${days}`);
  let date = chinaDate(from);
  for (let left = days; left > 0; ) {
    date = nextDate(date);
    if (calendar.isWorkingDay(date)) left -= 1;
  }
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS + 86_400_000 - 1);
}
