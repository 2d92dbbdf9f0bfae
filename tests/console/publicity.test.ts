import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * 公示 before 开始实施 (issue 13, item 7), through the console's routes: the refusals come from the
 * lifecycle itself (tests/civic/publicity.test.ts), so the single move and the bulk move say the same.
 * The harness clock is Monday 2 March 2026, 10:00 in Shenzhen.
 */
describe.each(['postgres', 'pglite'] as const)('公示 in the console (%s)', (kind) => {
  let h: ConsoleHarness;
  let nt: Client;

  beforeAll(async () => {
    h = await startConsole(kind);
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    nt = await h.login('nt');
  });
  afterAll(() => h.close());

  const approved = async () => {
    const p = await h.proposal({ communityId: 'nantoucheng', estimatedCost: 500_000 });
    expect((await nt.post(`/api/console/cases/${p}/transition`, { to: 'reviewing' })).status).toBe(200);
    expect((await nt.post(`/api/console/cases/${p}/transition`, { to: 'approved', data: { approvedCost: 450_000, batch: '2026年第一批' } })).status).toBe(200);
    return p;
  };
  // what the date pickers send for 公示开始 / 公示结束 (the start of the first day, the end of the last)
  const range = (start: string, end: string) => ({ publicityStart: `${start}T00:00:00+08:00`, publicityEnd: `${end}T23:59:59.999+08:00` });

  it('refuses a 公示 shorter than 7 days, and 开始实施 the next minute, each in words', async () => {
    const p = await approved();
    const short = await nt.post(`/api/console/cases/${p}/transition`, { to: 'publicised', data: range('2026-03-02', '2026-03-06') });
    expect(short.status).toBe(400);
    expect(short.json.error.message).toBe('公示期至少 7 天（首尾两天都算）：从 3月2日 开始，最早到 3月8日 结束');
    expect((await nt.post(`/api/console/cases/${p}/transition`, { to: 'publicised', data: range('2026-03-02', '2026-03-08') })).status).toBe(200);
    const early = await nt.post(`/api/console/cases/${p}/transition`, { to: 'implementing', publicNote: '开始施工' });
    expect(early.status).toBe(400);
    expect(early.json.error.message).toBe('公示到 3月8日 结束，结束后才能开始实施');
    const bulk = await nt.post('/api/console/cases/bulk-transition', { ids: [p], to: 'implementing' });
    expect(bulk.json).toMatchObject({ succeeded: 0, results: [{ id: p, ok: false, error: { status: 400, message: '公示到 3月8日 结束，结束后才能开始实施' } }] });
    expect((await nt.get(`/api/console/cases/${p}`)).json.case.status).toBe('publicised');
  });

  it('lets 开始实施 through once 公示 has ended', async () => {
    const p = await approved();
    // a notice that ran 23 February – 1 March, entered afterwards
    expect((await nt.post(`/api/console/cases/${p}/transition`, { to: 'publicised', data: range('2026-02-23', '2026-03-01') })).status).toBe(200);
    expect((await nt.post(`/api/console/cases/${p}/transition`, { to: 'implementing' })).status).toBe(200);
  });
});

describe('the minimum is the account’s setting (ConsoleConfig.publicity, from config/publicity.yaml)', () => {
  let h: ConsoleHarness;
  let nt: Client;
  beforeAll(async () => {
    h = await startConsole('pglite', { config: { publicity: { minDays: 10 } } });
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    nt = await h.login('nt');
  });
  afterAll(() => h.close());

  it('names the configured minimum', async () => {
    const p = await h.proposal({ communityId: 'nantoucheng', estimatedCost: 500_000 });
    await nt.post(`/api/console/cases/${p}/transition`, { to: 'reviewing' });
    await nt.post(`/api/console/cases/${p}/transition`, { to: 'approved', data: { approvedCost: 450_000, batch: '2026年第一批' } });
    const r = await nt.post(`/api/console/cases/${p}/transition`, {
      to: 'publicised',
      data: { publicityStart: '2026-03-02T00:00:00+08:00', publicityEnd: '2026-03-08T23:59:59.999+08:00' },
    });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe('公示期至少 10 天（首尾两天都算）：从 3月2日 开始，最早到 3月11日 结束');
  });
});
