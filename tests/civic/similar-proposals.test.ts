import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSimilarProposals, titleSimilarity } from '../../src/civic/similar-proposals.js';
import type { Database } from '../../src/db/client.js';
import { forceStatus, openSeeded, proposal } from './fixtures.js';

describe('titleSimilarity', () => {
  it('scores the same project in other words high, another project low', () => {
    expect(titleSimilarity('村巷加装照明灯', '村巷加装照明灯')).toBe(1);
    expect(titleSimilarity('村巷加装照明灯', '巷子加装照明灯')).toBeGreaterThanOrEqual(0.5);
    expect(titleSimilarity('村巷加装照明灯', '长者食堂助餐服务')).toBe(0);
    expect(titleSimilarity('', '灯')).toBe(0);
  });
});

describe('findSimilarProposals (pglite)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded('pglite');
  });
  afterAll(() => database.close());

  it('finds like proposals of the community still in 征集, never the asker’s own, never one past 征集', async () => {
    const open = await proposal(database.db, { openid: 'o-a' });
    const decided = await proposal(database.db, { openid: 'o-b' });
    await forceStatus(database.db, decided, 'approved', { approvedCost: 1_000_00, batch: '第一批' });
    await proposal(database.db, { openid: 'o-c', title: '长者食堂助餐服务' });
    const found = await findSimilarProposals(database.db, { communityId: 'shabaishi', title: '巷子加装照明灯', openid: 'o-x' });
    expect(found.map((f) => f.caseId)).toEqual([open]);
    expect(found[0]).toMatchObject({ title: '村巷加装照明灯', supporters: 0 });
    expect(await findSimilarProposals(database.db, { communityId: 'shabaishi', title: '巷子加装照明灯', openid: 'o-a' })).toEqual([]);
  });
});
