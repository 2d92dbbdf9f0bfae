import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNearbyOpenReports, haversineMeters } from '../../src/civic/duplicates.js';
import { followCase, subscribeCase } from '../../src/civic/follow.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { listSubscribers } from '../../src/civic/subscriptions.js';
import type { Database } from '../../src/db/client.js';
import { caseRow, ctxAt, days, errorOf, eventsOf, forceStatus, openSeeded, outboxOf, proposal, report, staff, T0 } from './fixtures.js';

/** a point `m` metres north of (lat, lng) */
const north = (lat: number, lng: number, m: number) => ({ lat: lat + m / 111_195, lng });
const HERE = { lat: 22.6, lng: 114.4 };

describe('haversine', () => {
  it('measures metres on the ground', () => {
    expect(Math.round(haversineMeters(HERE, north(HERE.lat, HERE.lng, 150)))).toBe(150);
    // one degree of longitude at 22.6°N ≈ 102.7 km
    expect(Math.round(haversineMeters(HERE, { lat: 22.6, lng: 115.4 }) / 100) / 10).toBe(102.7);
  });
});

describe('duplicates', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
  });
  afterAll(() => database.close());

  it('finds open reports of the same category nearby and recent, nearest first', async () => {
    const { db } = database;
    const at = (m: number, label: string) => ({ ...north(HERE.lat, HERE.lng, m), label });
    const base = { communityId: 'kuixin', category: 'drainage' };
    const near50 = await report(db, { ...base, description: '井盖缺失 50米', location: at(50, 'A') }, days(-2));
    const near150 = await report(db, { ...base, description: '井盖松动', location: at(-150, 'B') }, days(-1));
    await report(db, { ...base, description: '太远', location: at(260, 'C') }, days(-1));
    await report(db, { ...base, category: 'streetlight', description: '别的类别', location: at(10, 'D') }, days(-1));
    await report(db, { ...base, description: '太旧', location: at(20, 'E') }, days(-31));
    const done = await report(db, { ...base, description: '已办结', location: at(5, 'F') }, days(-1));
    await forceStatus(db, done, 'resolved');
    const merged = await report(db, { ...base, description: '已合并', location: at(5, 'G') }, days(-1));
    await forceStatus(db, merged, 'duplicate');
    await report(db, { ...base, description: '没有位置', location: undefined }, days(-1));
    await followCase(db, near150, 'o-me-too', 'supporter', T0);

    const found = await findNearbyOpenReports(db, { category: '排水井盖', ...HERE, now: T0 });
    expect(found.map((f) => f.caseId)).toEqual([near50, near150]);
    expect(found[0]).toMatchObject({ description: '井盖缺失 50米', locationLabel: 'A', distanceMeters: 50, supporters: 1, statusLabel: '已提交' });
    expect(found[1]).toMatchObject({ distanceMeters: 150, supporters: 2 });
    expect(found[0]!.createdAt.toISOString()).toBe(days(-2).toISOString());

    const wider = await findNearbyOpenReports(db, { category: 'drainage', ...HERE, radiusMeters: 300, withinDays: 40, now: T0, limit: 10 });
    expect(wider.map((f) => f.description)).toEqual(['太旧', '井盖缺失 50米', '井盖松动', '太远']);
    const one = await findNearbyOpenReports(db, { category: 'drainage', ...HERE, now: T0, limit: 1, excludeCaseId: near50 });
    expect(one.map((f) => f.caseId)).toEqual([near150]);
  });

  it('follows a case, never downgrading a role', async () => {
    const { db } = database;
    const id = await report(db, { openid: 'o-own' });
    expect(await followCase(db, id, 'o-own', 'supporter', T0)).toBe('author');
    expect(await followCase(db, id, 'o-x', 'follower', T0)).toBe('follower');
    expect(await followCase(db, id, 'o-x', 'supporter', T0)).toBe('supporter');
    expect(await subscribeCase(db, id, 'o-x', T0)).toBe('supporter');
    expect((await errorOf(followCase(db, 99999, 'o-x', 'follower', T0))).code).toBe('not_found');
    const p = await proposal(db);
    expect((await errorOf(followCase(db, p, 'o-x', 'supporter', T0))).code).toBe('bad_request');
  });

  it('merging a duplicate moves its subscribers to the target and tells them', async () => {
    const { db } = database;
    const target = await report(db, { openid: 'o-t' });
    const dup = await report(db, { openid: 'o-d' });
    await followCase(db, dup, 'o-s', 'supporter', T0);
    await subscribeCase(db, dup, 'o-f', T0);
    await subscribeCase(db, dup, 'o-t', T0); // the target's author also followed the duplicate
    const r = await transition(db, { caseId: dup, to: 'duplicate', actor: staff, publicNote: '同一路灯', data: { duplicateOf: target } }, ctxAt());
    expect((await caseRow(db, dup)).duplicateOf).toBe(target);
    expect(await listSubscribers(db, dup)).toEqual([]);
    const moved = Object.fromEntries((await listSubscribers(db, target)).map((s) => [s.openid, s.role]));
    expect(moved).toEqual({ 'o-t': 'author', 'o-d': 'supporter', 'o-s': 'supporter', 'o-f': 'follower' });
    const pushes = await outboxOf(db, dup);
    expect(pushes.map((p) => p.openid).sort()).toEqual(['o-d', 'o-f', 'o-s', 'o-t']);
    expect(pushes[0]!.payload).toMatchObject({ statusLabel: '已合并', duplicateOf: target });
    expect(r.queued).toBe(4);
    expect((await eventsOf(db, target)).at(-1)).toMatchObject({ type: 'note', publicNote: null, data: { merged: dup } });
    // the next step of the target reaches everyone
    const r2 = await transition(db, { caseId: target, to: 'accepted', actor: staff, data: { assignee: '城管' } }, ctxAt());
    expect(r2.queued).toBe(4);
    // a merged case cannot be a target
    const other = await report(db);
    const e = await errorOf(transition(db, { caseId: other, to: 'duplicate', actor: staff, data: { duplicateOf: dup } }, ctxAt()));
    expect(e.code).toBe('bad_request');
  });
});
