import { z } from 'zod';
import { CHINA_OFFSET_MS } from '../china-time.js';

const DAY_MS = 86_400_000;

export interface BackoffOptions {
  /** first retry delay (default 30 s), doubled per failure up to maxMs */
  baseMs: number;
  maxMs: number;
  /** 0..1; the delay is scaled by 0.5 + random/2 (full jitter on the upper half) */
  random: () => number;
}

/** the delay before retry number `failures` (1 = first retry) */
export function retryDelay(failures: number, o: BackoffOptions): number {
  const raw = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.max(1, Math.round(raw * (0.5 + o.random() / 2)));
}

/** minutes since midnight, China time */
const chinaMinutes = (t: number) => Math.floor((((t + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / 60_000);

/** the next 00:00 China time after t: when WeChat's daily quotas start afresh */
export function nextChinaMidnight(t: number): number {
  const local = t + CHINA_OFFSET_MS;
  return Math.floor(local / DAY_MS) * DAY_MS + DAY_MS - CHINA_OFFSET_MS;
}

/** Quiet hours in China time, e.g. 22:00–07:00: no push goes out; what is due waits for the end. */
export interface QuietHours {
  /** minutes since midnight */
  start: number;
  end: number;
}

const hhmm = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "22:00-07:00" (or "22:00–07:00"); empty or "off" = none */
export const quietHoursSchema = z
  .string()
  .trim()
  .transform((s, ctx): QuietHours | null => {
    if (s === '' || s.toLowerCase() === 'off') return null;
    const parts = s.split(/\s*[-–~]\s*/);
    const [a, b] = parts.map((p) => hhmm.exec(p));
    if (parts.length !== 2 || !a || !b) {
      ctx.addIssue({ code: 'custom', message: 'quiet hours look like 22:00-07:00 (China time)' });
      return z.NEVER;
    }
    const start = Number(a[1]) * 60 + Number(a[2]);
    const end = Number(b[1]) * 60 + Number(b[2]);
    if (start === end) {
      ctx.addIssue({ code: 'custom', message: 'quiet hours must not start and end at the same time' });
      return z.NEVER;
    }
    return { start, end };
  });

export function inQuietHours(q: QuietHours | null | undefined, t: number): boolean {
  if (!q) return false;
  const m = chinaMinutes(t);
  return q.start < q.end ? m >= q.start && m < q.end : m >= q.start || m < q.end;
}

/** the moment the quiet hours around t end (t itself when t is not in them) */
export function quietHoursEnd(q: QuietHours | null | undefined, t: number): number {
  if (!q || !inQuietHours(q, t)) return t;
  const dayStart = t - (((t + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  const endToday = dayStart + q.end * 60_000;
  return endToday > t ? endToday : endToday + DAY_MS;
}
