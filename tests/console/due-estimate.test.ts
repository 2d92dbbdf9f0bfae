import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workingCalendar } from '../../src/civic/calendar.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * A due date counted over a year the working-day calendar does not know (issue 17, item 4) is
 * marked as an estimate on the case and in 督办, never shown as if it were exact.
 */
describe('due dates over a year the calendar does not cover', () => {
  let h: ConsoleHarness;
  let st: Client;
  // the calendar the console reads: it knows 2026 only
  const calendar = workingCalendar(['2026-10-01'], [], { years: [2026] });

  beforeAll(async () => {
    h = await startConsole('pglite', { config: { calendar } });
    await h.user('st', 'street', { streetId: 'nantou' });
    st = await h.login('st');
  });
  afterAll(() => h.close());

  it('a report made in March 2026 is due in 2026: exact', async () => {
    const id = await h.report({ communityId: 'nantoucheng', description: '中山南街路灯不亮三天了' });
    const d = await st.get(`/api/console/cases/${id}`);
    expect(d.status).toBe(200);
    expect((d.json as { case: { dueEstimateYears: number[] } }).case.dueEstimateYears).toEqual([]);
  });

  it('a report made on 31 December is due in January 2027: an estimate naming 2027, in the case and in 督办', async () => {
    h.clock.set(Date.parse('2026-12-31T02:00:00Z'));
    const id = await h.report({ communityId: 'nantoucheng', description: '南新路井盖松动，踩上去会响' });
    st = await h.login('st'); // the clock moved past the session
    const d = await st.get(`/api/console/cases/${id}`);
    const c = (d.json as { case: { dueAt: string; dueEstimateYears: number[] } }).case;
    expect(c.dueAt.startsWith('2027-')).toBe(true);
    expect(c.dueEstimateYears).toEqual([2027]);
    h.clock.set(Date.parse('2027-03-01T02:00:00Z'));
    st = await h.login('st');
    const late = await st.get('/api/console/deadlines');
    const row = (late.json as { overdue: { id: number; dueEstimateYears: number[] }[] }).overdue.find((r) => r.id === id);
    expect(row?.dueEstimateYears).toEqual([2027]);
  });
});
