import { formatTextSpec, formatTextsFile } from './format-texts.js';
import { fill, loadTextFile, type TextsOf } from './text-spec.js';
import { chinaWallClock as inChina } from '../china-time.js';

/** read once when the service starts; a missing key or bad placeholder throws, naming file and key */
const texts: TextsOf<typeof formatTextSpec> = loadTextFile(formatTextSpec, formatTextsFile);


/** 11月22日, with the year when it is not this year (China time) */
export function formatDate(d: Date, now: Date): string {
  const c = inChina(d);
  const monthDay = fill(texts.date.monthDay, { month: c.getUTCMonth() + 1, day: c.getUTCDate() });
  return c.getUTCFullYear() === inChina(now).getUTCFullYear() ? monthDay : fill(texts.date.withYear, { year: c.getUTCFullYear(), monthDay });
}

/** fen → 3,500元 / 2.5万元 / 120万元; none → 待定 */
export function formatMoney(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return texts.money.unknown;
  const yuan = fen / 100;
  if (Math.abs(yuan) >= 10_000) {
    const wan = yuan / 10_000;
    const amount = Number.isInteger(wan) ? String(wan) : wan.toFixed(wan >= 100 ? 0 : 2).replace(/\.?0+$/, '');
    return fill(texts.money.wan, { amount });
  }
  return fill(texts.money.yuan, { amount: yuan.toLocaleString('en-US', { maximumFractionDigits: 2 }) });
}

/** the China calendar year of a date */
export function chinaYear(d: Date): number {
  return inChina(d).getUTCFullYear();
}
