/** How dates and money read to residents: China time, short Chinese forms. */

const CHINA_OFFSET_MS = 8 * 3600_000;

/** 11月22日 (with the year when it is not this year) */
export function formatDate(d: Date, now: Date): string {
  const c = new Date(d.getTime() + CHINA_OFFSET_MS);
  const n = new Date(now.getTime() + CHINA_OFFSET_MS);
  const md = `${c.getUTCMonth() + 1}月${c.getUTCDate()}日`;
  return c.getUTCFullYear() === n.getUTCFullYear() ? md : `${c.getUTCFullYear()}年${md}`;
}

/** fen → 3,500元 / 2.5万元 / 120万元 */
export function formatMoney(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '待定';
  const yuan = fen / 100;
  if (Math.abs(yuan) >= 10_000) {
    const wan = yuan / 10_000;
    return `${Number.isInteger(wan) ? wan : wan.toFixed(wan >= 100 ? 0 : 2).replace(/\.?0+$/, '')}万元`;
  }
  return `${yuan.toLocaleString('en-US', { maximumFractionDigits: 2 })}元`;
}

/** The China calendar year of a date */
export function chinaYear(d: Date): number {
  return new Date(d.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
}
