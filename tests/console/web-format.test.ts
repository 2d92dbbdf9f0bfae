import { describe, expect, it } from 'vitest';
import { date, dateTime } from '../../src/console/web/src/format.js';

describe('console dates', () => {
  it('are shown in Beijing time whatever zone the computer is set to', () => {
    // the dashboard's period starts at Beijing midnight on 1 January: 16:00 UTC the day before
    expect(date('2025-12-31T16:00:00.000Z')).toBe('2026-01-01');
    expect(dateTime('2026-03-01T01:30:00.000Z')).toBe('2026-03-01 09:30');
    expect(date(null)).toBe('—');
  });
});
