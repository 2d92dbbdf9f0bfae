import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCommunity, listCommunities, matchCommunities, seedCommunities } from '../../src/civic/communities.js';
import {
  bindCommunity,
  communityFromScene,
  ensureResident,
  getResident,
  markUnreachable,
  touchResident,
} from '../../src/civic/residents.js';
import type { Database } from '../../src/db/client.js';
import { errorOf, openSeeded, T0 } from './fixtures.js';

describe('communities and residents', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
  });
  afterAll(() => database.close());

  it('seeds streets and communities from the file, idempotently', async () => {
    const { db } = database;
    const before = await listCommunities(db);
    const again = await seedCommunities(db);
    expect(again.communities).toBe(before.length);
    expect(await listCommunities(db)).toEqual(before);
    expect(before.length).toBeGreaterThanOrEqual(16);
    const nantou = await listCommunities(db, 'nantou');
    expect(nantou.map((c) => c.name)).toContain('南头城社区');
    expect(nantou.every((c) => c.streetName === '南头街道' && c.district === '南山区')).toBe(true);
  });

  it('gets one community, or not_found', async () => {
    const c = await getCommunity(database.db, 'kuixin');
    expect(c).toMatchObject({ name: '葵新社区', streetName: '葵涌街道', district: '大鹏新区' });
    expect((await errorOf(getCommunity(database.db, 'nowhere'))).code).toBe('not_found');
  });

  it('matches the words residents type', async () => {
    const { db } = database;
    expect((await matchCommunities(db, '南头古城')).map((c) => c.id)).toEqual(['nantoucheng']);
    expect((await matchCommunities(db, '我住在星海名城7栋')).map((c) => c.id)).toEqual(['xinghaimingcheng']);
    expect((await matchCommunities(db, '沙白石村')).map((c) => c.id)).toEqual(['shabaishi']);
    expect(await matchCommunities(db, '火星')).toEqual([]);
  });

  it('creates a resident once and binds a community that exists', async () => {
    const { db } = database;
    const r1 = await ensureResident(db, 'o-r1', T0);
    const r2 = await ensureResident(db, 'o-r1', new Date(T0.getTime() + 1000));
    expect(r2.createdAt.toISOString()).toBe(r1.createdAt.toISOString());
    expect((await bindCommunity(db, 'o-r1', 'tongle')).communityId).toBe('tongle');
    expect((await errorOf(bindCommunity(db, 'o-r1', 'nowhere'))).code).toBe('not_found');
    expect((await getResident(db, 'o-r1'))!.communityId).toBe('tongle');
  });

  it('parses community QR scenes', () => {
    expect(communityFromScene('community_tongle')).toBe('tongle');
    expect(communityFromScene('qrscene_community_kuichong-sq')).toBe('kuichong-sq');
    expect(communityFromScene('qrscene_123')).toBeNull();
    expect(communityFromScene('community_')).toBeNull();
    expect(communityFromScene(undefined)).toBeNull();
  });

  it('marks a resident unreachable until they write again', async () => {
    const { db } = database;
    await ensureResident(db, 'o-r2', T0);
    await markUnreachable(db, 'o-r2', '43004', T0);
    expect((await getResident(db, 'o-r2'))!).toMatchObject({ unreachableReason: '43004' });
    const later = new Date(T0.getTime() + 60_000);
    await touchResident(db, 'o-r2', later);
    const r = (await getResident(db, 'o-r2'))!;
    expect(r.unreachableAt).toBeNull();
    expect(r.lastMessageAt!.toISOString()).toBe(later.toISOString());
  });
});
