import { describe, expect, it } from 'vitest';
import { addWorkingDays, defaultCalendar } from '../../src/civic/calendar.js';
import { warnOfCalendarGaps } from '../../src/runtime/calendar-warnings.js';
import { capturedLog } from '../helpers/captured-log.js';

const capture = () => capturedLog<{ level: number; msg: string; year?: number }>();
const settle = () => new Promise((r) => setImmediate(r));

describe('the operator is told of the years the working-day calendar cannot count', () => {
  const cal = defaultCalendar();
  const firstUncovered = (() => {
    let y = 2026;
    while (cal.covers(y)) y += 1;
    return y;
  })();

  it('at start, when this year is not covered; not when it is', async () => {
    const a = capture();
    warnOfCalendarGaps(a.logger, new Date(`${firstUncovered}-06-01T00:00:00Z`))();
    const b = capture();
    warnOfCalendarGaps(b.logger, new Date('2026-06-01T00:00:00Z'))();
    await settle();
    expect(a.lines.map((l) => [l.level, l.year])).toEqual([[40, firstUncovered]]);
    expect(a.lines[0]!.msg).toMatch(/config\/holidays\.yaml/);
    expect(b.lines).toEqual([]);
  });

  it('when a due date is counted into such a year, once, whatever the process counted before', async () => {
    const { lines, logger } = capture();
    // another service of this process counted into that year before this one started
    addWorkingDays(new Date(`${firstUncovered - 1}-12-30T02:00:00Z`), 10, cal);
    const stop = warnOfCalendarGaps(logger, new Date('2026-06-01T00:00:00Z'));
    addWorkingDays(new Date(`${firstUncovered - 1}-12-28T02:00:00Z`), 10, cal);
    addWorkingDays(new Date(`${firstUncovered - 1}-12-29T02:00:00Z`), 10, cal);
    stop();
    await settle();
    expect(lines.filter((l) => l.year === firstUncovered)).toHaveLength(1);
    expect(lines[0]!.msg).toMatch(/Monday–Friday/);
  });
});
