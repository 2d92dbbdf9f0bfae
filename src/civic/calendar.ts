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
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const fileSchema = z.object({
  years: z.record(
    z.string(),
    z.object({ holidays: z.array(isoDate).default([]), workdays: z.array(isoDate).default([]) }),
  ),
});

export function workingCalendar(holidays: Iterable<string>, workdays: Iterable<string>): WorkingCalendar {
  const off = new Set(holidays);
  const on = new Set(workdays);
  return {
    isWorkingDay(date) {
      if (on.has(date)) return true;
      if (off.has(date)) return false;
      const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
      return dow !== 0 && dow !== 6;
    },
  };
}

export const defaultHolidaysFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../config/holidays.yaml',
);

export function loadCalendar(file: string = defaultHolidaysFile): WorkingCalendar {
  const parsed = readYamlFile(file, fileSchema);
  const years = Object.values(parsed.years);
  return workingCalendar(
    years.flatMap((y) => y.holidays),
    years.flatMap((y) => y.workdays),
  );
}

let cached: WorkingCalendar | undefined;
/** config/holidays.yaml, read once */
export function defaultCalendar(): WorkingCalendar {
  cached ??= loadCalendar();
  return cached;
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
