import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCommunities } from '../../src/civic/communities.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { submitProposal } from '../../src/civic/kinds/proposal.js';
import { ensureResident } from '../../src/civic/residents.js';
import type { Database } from '../../src/db/client.js';
import { communitySubscriptions, outbox, residents } from '../../src/db/schema.js';
import { openTestDatabase } from '../helpers/db.js';

/** Found by the push-drain benchmark: a large community's 公示 must not fail on query size. */
describe('a community with many subscribers', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    await seedCommunities(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('公示 reaches a community with more than 8,191 subscribers', async () => {
    // one multi-row INSERT of 8 parameters per subscriber passed 65,534 parameters and rolled the
    // whole transition back: the project could not be publicised. Now queued in chunks.
    const db = database.db;
    const now = () => new Date();
    const n = 8_192;
    const openids = Array.from({ length: n }, (_, i) => `oBig${String(i).padStart(24, '0')}`);
    for (let i = 0; i < n; i += 1000) {
      const chunk = openids.slice(i, i + 1000);
      await db.insert(residents).values(chunk.map((openid) => ({ openid, communityId: 'nantoucheng', following: true })));
      await db.insert(communitySubscriptions).values(chunk.map((openid) => ({ communityId: 'nantoucheng', openid })));
    }
    await ensureResident(db, 'oBigAuthor', now());
    const p = await submitProposal(
      db,
      { openid: 'oBigAuthor', sourceKey: 'big:1', communityId: 'nantoucheng', title: '加装休闲座椅', description: '希望在中山南街加装几张休闲座椅。', projectType: '货物类', beneficiaries: '沿街居民', photos: [] },
      { now: now() },
    );
    const staff = { type: 'staff', id: 'staff:1' } as const;
    await transition(db, { caseId: p.caseId, to: 'reviewing', actor: staff }, { now: now() });
    await transition(db, { caseId: p.caseId, to: 'approved', actor: staff, data: { approvedCost: 100_000, batch: '第一批' } }, { now: now() });
    const r = await transition(
      db,
      { caseId: p.caseId, to: 'publicised', actor: staff, data: { publicityStart: new Date(), publicityEnd: new Date(Date.now() + 7 * 86_400_000) } },
      { now: now() },
    );
    const [row] = await db.select({ c: sql<number>`count(*)::int` }).from(outbox).where(sql`kind = 'publicity_notice'`);
    expect(r.to).toBe('publicised');
    expect(row?.c).toBe(n);
  }, 120_000);
});
