/** China Standard Time, UTC+8 all year (no daylight saving): residents' and staff's clock. */
export const CHINA_OFFSET_MS = 8 * 3600_000;

/** 2026-03-02 10:00: a moment as residents and staff read it */
export function chinaDateTime(at: Date): string {
  return new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** the same moment shifted so that its UTC fields (getUTCFullYear, getUTCHours …) read China time */
export const chinaWallClock = (at: Date): Date => new Date(at.getTime() + CHINA_OFFSET_MS);
