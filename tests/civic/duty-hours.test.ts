import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCalendar, loadDutyHours, nextOnDuty } from '../../src/civic/index.js';

/** China time as an instant */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('duty hours (config/handoff.yaml on the working days of config/holidays.yaml)', () => {
  const duty = loadDutyHours();

  it('reads 09:00–18:00 from the file', () => {
    expect([duty.from, duty.to]).toEqual([9 * 60, 18 * 60]);
  });

  it('is on duty on a working day between the hours, up to the minute before the end', () => {
    expect(nextOnDuty(cst('2026-12-07T09:00:00'), duty)).toBeUndefined();
    expect(nextOnDuty(cst('2026-12-07T17:59:59'), duty)).toBeUndefined();
  });

  it('before the start of a working day: that day at the start', () => {
    expect(nextOnDuty(cst('2026-12-07T08:40:00'), duty)).toEqual(cst('2026-12-07T09:00:00'));
  });

  it('after the end, on a weekend and in a holiday: the next working day', () => {
    expect(nextOnDuty(cst('2026-12-07T18:00:00'), duty)).toEqual(cst('2026-12-08T09:00:00'));
    expect(nextOnDuty(cst('2026-12-11T20:00:00'), duty)).toEqual(cst('2026-12-14T09:00:00'));
    expect(nextOnDuty(cst('2026-12-12T10:00:00'), duty)).toEqual(cst('2026-12-14T09:00:00'));
    // 国庆节 10月1日–7日, and Saturday 10月10日 is a working day (调休上班)
    expect(nextOnDuty(cst('2026-09-30T19:00:00'), duty)).toEqual(cst('2026-10-08T09:00:00'));
    expect(nextOnDuty(cst('2026-10-09T19:00:00'), duty)).toEqual(cst('2026-10-10T09:00:00'));
  });

  it('a file with the hours the wrong way round, or not HH:MM, stops the start', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'duty-'));
    const file = path.join(dir, 'handoff.yaml');
    writeFileSync(file, 'duty:\n  from: "18:00"\n  to: "09:00"\nidleCloseMinutes: 120\n');
    expect(() => loadDutyHours(file, defaultCalendar())).toThrow(/duty/);
    writeFileSync(file, 'duty:\n  from: "9点"\n  to: "18:00"\nidleCloseMinutes: 120\n');
    expect(() => loadDutyHours(file, defaultCalendar())).toThrow(/duty\.from/);
  });
});
