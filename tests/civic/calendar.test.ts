import { describe, expect, it } from 'vitest';
import { addWorkingDays, chinaDate, defaultCalendar, workingCalendar } from '../../src/civic/calendar.js';

const cal = defaultCalendar();
const due = (fromIso: string, n: number) => chinaDate(addWorkingDays(new Date(fromIso), n, cal));

describe('working-day calendar (2026)', () => {
  it('skips weekends; the day of submission does not count', () => {
    expect(due('2026-03-06T10:00:00+08:00', 1)).toBe('2026-03-09'); // Fri → Mon
    expect(due('2026-03-02T10:00:00+08:00', 5)).toBe('2026-03-09'); // Mon + 5
    expect(due('2026-03-07T10:00:00+08:00', 1)).toBe('2026-03-09'); // Sat → Mon
  });

  it('due at the end of the day, Shenzhen time', () => {
    expect(addWorkingDays(new Date('2026-03-06T10:00:00+08:00'), 1, cal).toISOString()).toBe('2026-03-09T15:59:59.999Z');
  });

  it('uses the Shenzhen date, not UTC, for late-evening reports', () => {
    // 2026-03-06 23:30 in Shenzhen is still Friday; 15:30 UTC
    expect(due('2026-03-06T23:30:00+08:00', 1)).toBe('2026-03-09');
    // 2026-03-07 00:30 in Shenzhen is Saturday, though UTC says Friday
    expect(due('2026-03-07T00:30:00+08:00', 1)).toBe('2026-03-09');
  });

  it('skips the Spring Festival and counts the 调休 Saturdays', () => {
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday, worked
    expect(cal.isWorkingDay('2026-02-17')).toBe(false); // 春节
    expect(cal.isWorkingDay('2026-02-28')).toBe(true);
    expect(due('2026-02-13T10:00:00+08:00', 1)).toBe('2026-02-14');
    expect(due('2026-02-13T10:00:00+08:00', 2)).toBe('2026-02-24');
    expect(due('2026-09-30T10:00:00+08:00', 1)).toBe('2026-10-08'); // 国庆
    expect(due('2026-10-09T10:00:00+08:00', 1)).toBe('2026-10-10'); // Saturday worked
  });

  it('a bare weekday calendar when no year is listed', () => {
    const plain = workingCalendar([], []);
    expect(plain.isWorkingDay('2030-01-05')).toBe(false);
    expect(plain.isWorkingDay('2030-01-07')).toBe(true);
    expect(() => addWorkingDays(new Date(), -1, plain)).toThrow();
  });
});
