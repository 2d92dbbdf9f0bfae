import { AppError } from '../errors.js';
import { CHINA_OFFSET_MS } from '../china-time.js';


/** a timestamp from the database: drivers give Date or string depending on how it was selected */
export function toDate(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  let text = String(v);
  // PostgreSQL's text form: 2026-03-02 10:00:00.123+08 → ISO
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)([+-]\d{2})(?::?(\d{2}))?$/.exec(text);
  if (m) text = `${m[1]}T${m[2]}${m[3]}:${m[4] ?? '00'}`;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * A query date: YYYY-MM-DD is midnight in Asia/Shanghai (the start of that day there), anything
 * else must be an ISO timestamp. Bad input is 400, naming the field by `name`, in staff words (开始日期).
 */
export function parseQueryDate(s: string, name: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) {
    const d = new Date(Date.parse(`${s}T00:00:00Z`) - CHINA_OFFSET_MS);
    if (!Number.isNaN(d.getTime())) return d;
  } else {
    const d = new Date(s);
    if (/^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(d.getTime())) return d;
  }
  throw new AppError('bad_request', `${name}不是有效的日期，请按 2026-03-02 这样的格式填写`, { reason: 'bad_date' });
}

/** 1 January of the Asia/Shanghai year of `at`, and of the next year */
export function chinaYearBounds(at: Date): { from: Date; to: Date } {
  const year = new Date(at.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
  return { from: new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS), to: new Date(Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS) };
}


/** whole hours between two instants, rounded down, never negative */
export const hoursBetween = (from: Date, to: Date): number => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 3600_000));
