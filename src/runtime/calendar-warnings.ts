import { chinaDate, defaultCalendar, onUncoveredYear } from '../civic/calendar.js';
import type { Logger } from '../log.js';

/**
 * Tells the operator of the years the working-day calendar cannot count: this year at start, and any
 * year a due date is counted over (once each). Due dates there count Monday–Friday only; the console
 * marks them as estimates. Returns the function that stops listening.
 */
export function warnOfCalendarGaps(logger: Logger, now: Date): () => void {
  const year = Number(chinaDate(now).slice(0, 4));
  const fix = 'update the chinese-days package or add the State Council notice to config/holidays.yaml';
  if (!defaultCalendar().covers(year)) {
    logger.warn({ year }, `working-day calendar: no holidays or weekend working days for this year, due dates count Monday–Friday only: ${fix}`);
  }
  const told = new Set<number>();
  return onUncoveredYear((y) => {
    if (told.has(y)) return;
    told.add(y);
    logger.warn({ year: y }, `working-day calendar: a due date was counted into a year without its holidays (Monday–Friday only): ${fix}`);
  });
}
