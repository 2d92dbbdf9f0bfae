import { formatDate } from '../texts/format.js';
import { fill, publicTexts } from './texts.js';
import { CHINA_OFFSET_MS } from '../china-time.js';

/** Dates as residents read them on the public pages (China time). */


export { formatDate };

/** 3月2日 10:05 */
export function formatDateTime(d: Date, now: Date): string {
  const c = new Date(d.getTime() + CHINA_OFFSET_MS);
  const hh = String(c.getUTCHours()).padStart(2, '0');
  const mm = String(c.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(d, now)} ${hh}:${mm}`;
}

/** 3月2日 至 3月9日 */
export const formatRange = (start: Date, end: Date, now: Date): string =>
  fill(publicTexts.common.dateRange, { start: formatDate(start, now), end: formatDate(end, now) });

/** whole China calendar days from now until d (0 on the day itself; negative once past) */
export function daysUntil(d: Date, now: Date): number {
  const day = (x: Date) => Math.floor((x.getTime() + CHINA_OFFSET_MS) / 86_400_000);
  return day(d) - day(now);
}
