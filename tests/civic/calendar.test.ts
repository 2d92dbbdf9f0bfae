import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, chinaDate, defaultCalendar, loadCalendar, uncoveredYears, workingCalendar } from '../../src/civic/calendar.js';

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

describe('the calendar comes from chinese-days, with config/holidays.yaml over it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'holidays-'));
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    writeFileSync(f, text);
    return f;
  };

  it('knows the years of the package: 2025 Spring Festival and its 调休 Sunday', () => {
    expect(cal.isWorkingDay('2025-01-29')).toBe(false); // 春节
    expect(cal.isWorkingDay('2025-01-26')).toBe(true); // Sunday worked
    expect(cal.covers(2004)).toBe(true);
    expect(cal.covers(2026)).toBe(true);
  });

  it('the 2026 of the package is the State Council notice the project kept by hand before', () => {
    const byHand = loadCalendar(fileURLToPath(new URL('./fixtures/holidays-2026.yaml', import.meta.url)));
    for (let d = new Date('2026-01-01T00:00:00Z'); d.getUTCFullYear() === 2026; d.setUTCDate(d.getUTCDate() + 1)) {
      const day = d.toISOString().slice(0, 10);
      expect(cal.isWorkingDay(day), day).toBe(byHand.isWorkingDay(day));
    }
  });

  it('a year in the file replaces the package year; a year in neither is not covered, and each look at it is told', () => {
    const told: number[] = [];
    const c = loadCalendar(file('override.yaml', 'years:\n  2026:\n    holidays: [2026-03-09]\n  2031:\n    workdays: [2031-01-04]\n'), (y) => told.push(y));
    expect(c.isWorkingDay('2026-03-09')).toBe(false); // the local day off
    expect(c.isWorkingDay('2026-02-17')).toBe(true); // the package's 春节 no longer applies to 2026
    expect(c.isWorkingDay('2031-01-04')).toBe(true); // a Saturday, worked
    expect(c.covers(2031)).toBe(true);
    expect(c.covers(2027)).toBe(false);
    expect(told).toEqual([]);
    c.isWorkingDay('2027-01-01');
    c.isWorkingDay('2027-01-02');
    expect(told).toEqual([2027, 2027]);
  });

  it('a due date counted into an uncovered year names that year', () => {
    const from = new Date('2026-12-28T10:00:00+08:00');
    const dueAt = addWorkingDays(from, 5, cal);
    expect(chinaDate(dueAt)).toBe('2027-01-04');
    expect(uncoveredYears(cal, from, dueAt)).toEqual(cal.covers(2027) ? [] : [2027]);
    expect(uncoveredYears(cal, new Date('2026-03-02T10:00:00+08:00'), new Date('2026-03-09T10:00:00+08:00'))).toEqual([]);
  });

  it('refuses a file that is not a calendar', () => {
    expect(() => loadCalendar(file('bad.yaml', 'years:\n  2027:\n    holidays: [1 January]\n'))).toThrow(/holidays/);
  });
});
