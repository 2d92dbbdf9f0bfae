import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communityStats } from '../../src/civic/stats.js';
import type { Database } from '../../src/db/client.js';
import { forceStatus, openSeeded, proposal, report } from './fixtures.js';

type Seed = [community: string, status: string, type: '工程类' | '服务类' | '货物类', estimated: number, approved: number | null, spent: number | null];

/** 10 proposals of 2026 in two streets, plus noise from 2025 and 2027 (Shenzhen new year) */
const SEEDS: Seed[] = [
  ['kuixin', 'collected', '工程类', 100, null, null],
  ['kuixin', 'reviewing', '服务类', 200, null, null],
  ['kuixin', 'reserve', '货物类', 300, null, null],
  ['kuixin', 'declined', '工程类', 400, null, null],
  ['kuixin', 'approved', '工程类', 500, 450, null],
  ['kuixin', 'publicised', '服务类', 600, 550, null],
  ['tuyang', 'implementing', '工程类', 700, 650, null],
  ['tuyang', 'completed', '货物类', 800, 750, 700],
  ['tuyang', 'evaluated', '工程类', 900, 850, 800],
  ['tongle', 'completed', '服务类', 1000, 950, 900],
];

describe('community stats', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
    const { db } = database;
    for (const [communityId, status, projectType, estimatedCost, approvedCost, actualCost] of SEEDS) {
      const id = await proposal(db, { communityId, projectType, estimatedCost }, new Date('2026-05-01T02:00:00Z'));
      await forceStatus(db, id, status, { approvedCost, actualCost });
    }
    // 2025-12-31 23:30 Shenzhen and 2027-01-01 00:30 Shenzhen belong to other years
    await proposal(db, { communityId: 'kuixin', estimatedCost: 99_999 }, new Date('2025-12-31T15:30:00Z'));
    await proposal(db, { communityId: 'kuixin', estimatedCost: 99_999 }, new Date('2026-12-31T16:30:00Z'));
    // 2026-01-01 00:30 Shenzhen counts for 2026
    await proposal(db, { communityId: 'kuixin', estimatedCost: 5 }, new Date('2025-12-31T16:30:00Z'));
    // reports: on time, late, open, rejected
    const r1 = await report(db, { communityId: 'kuixin' }, new Date('2026-03-02T02:00:00Z'));
    await forceStatus(db, r1, 'closed', { resolvedAt: new Date('2026-03-03T02:00:00Z') });
    const r2 = await report(db, { communityId: 'kuixin' }, new Date('2026-03-02T02:00:00Z'));
    await forceStatus(db, r2, 'resolved', { resolvedAt: new Date('2026-03-20T02:00:00Z') });
    await report(db, { communityId: 'kuixin' }, new Date('2026-03-02T02:00:00Z'));
    const r4 = await report(db, { communityId: 'tuyang' }, new Date('2026-03-02T02:00:00Z'));
    await forceStatus(db, r4, 'rejected');
  });
  afterAll(() => database.close());

  it('counts everywhere', async () => {
    const s = await communityStats(database.db, { year: 2026 });
    expect(s).toEqual({
      year: 2026,
      collected: { count: 11, requested: 5505 },
      confirmed: { count: 6, approved: 4200 },
      implemented: { count: 4, approved: 3200 },
      completed: { count: 3, spent: 2400 },
      reserve: 1,
      declined: 1,
      byType: {
        工程类: { confirmed: 3, approved: 1950 },
        服务类: { confirmed: 2, approved: 1500 },
        货物类: { confirmed: 1, approved: 750 },
      },
      reports: { received: 4, open: 1, resolved: 2, resolvedOnTime: 1, rejected: 1, duplicate: 0 },
      wishes: { posted: { count: 0, value: 0 }, claimed: { count: 0, value: 0 }, fulfilled: { count: 0, value: 0 } },
      funding: { government: 0, social: 0, residents: 0, inKind: 0 },
    });
  });

  it('per street and per community', async () => {
    const street = await communityStats(database.db, { streetId: 'kuichong', year: 2026 });
    expect(street.collected).toEqual({ count: 10, requested: 4505 });
    expect(street.confirmed).toEqual({ count: 5, approved: 3250 });
    expect(street.completed).toEqual({ count: 2, spent: 1500 });
    const c = await communityStats(database.db, { communityId: 'tuyang', year: 2026 });
    expect(c.collected).toEqual({ count: 3, requested: 2400 });
    expect(c.implemented).toEqual({ count: 3, approved: 2250 });
    expect(c.reports.rejected).toBe(1);
    const other = await communityStats(database.db, { communityId: 'kuixin', year: 2025 });
    expect(other.collected).toEqual({ count: 1, requested: 99_999 });
    const none = await communityStats(database.db, { streetId: 'nantou', year: 2026 });
    expect(none.collected).toEqual({ count: 1, requested: 1000 });
    expect((await communityStats(database.db, { year: 2030 })).confirmed).toEqual({ count: 0, approved: 0 });
  });
});
