import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitProposal } from '../../src/civic/kinds/proposal.js';
import { submitReport } from '../../src/civic/kinds/report.js';
import { listSubscribers } from '../../src/civic/subscriptions.js';
import type { Database } from '../../src/db/client.js';
import { caseMedia, cases, residents } from '../../src/db/schema.js';
import { caseRow, errorOf, eventsOf, openSeeded, photo, T0 } from './fixtures.js';

const input = (sourceKey: string) => ({
  openid: 'o-sub',
  sourceKey,
  category: '路灯照明',
  description: '同乐村口路灯坏了一周',
  location: { lat: 22.55, lng: 113.92, label: '同乐村口' },
  photos: [photo(1), photo(2)],
  phone: '13800138000',
  communityId: 'tongle',
});

describe('submitting reports and proposals', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
  });
  afterAll(() => database.close());

  it('files a report with its event, photos, author subscription and due date, in one go', async () => {
    const { db } = database;
    const r = await submitReport(db, input('m:1'), { now: T0 });
    expect(r.created).toBe(true);
    const row = await caseRow(db, r.caseId);
    expect(row).toMatchObject({ kind: 'report', status: 'submitted', category: 'streetlight', communityId: 'tongle' });
    expect(row.createdAt.toISOString()).toBe(T0.toISOString());
    // 路灯照明: 3 working days from Monday 2 March → end of Thursday 5 March (Shenzhen)
    expect(row.dueAt!.toISOString()).toBe('2026-03-05T15:59:59.999Z');
    expect(r.dueAt!.toISOString()).toBe(row.dueAt!.toISOString());
    const events = await eventsOf(db, r.caseId);
    expect(events.map((e) => [e.type, e.toStatus])).toEqual([['created', 'submitted']]);
    const media = await db.select().from(caseMedia).where(eq(caseMedia.caseId, r.caseId));
    // a resident's photos wait for staff review before the public pages show them
    expect(media.map((m) => [m.path, m.eventId, m.source, m.publicState])).toEqual([
      ['2026/03/p1.jpg', events[0]!.id, 'resident', 'pending'],
      ['2026/03/p2.jpg', events[0]!.id, 'resident', 'pending'],
    ]);
    expect(await listSubscribers(db, r.caseId)).toMatchObject([{ openid: 'o-sub', role: 'author' }]);
    const [res] = await db.select().from(residents).where(eq(residents.openid, 'o-sub'));
    expect(res).toMatchObject({ communityId: 'tongle', phone: '13800138000' });
  });

  it('a retried delivery returns the same case and files nothing new', async () => {
    const { db } = database;
    const first = await submitReport(db, input('m:2'), { now: T0 });
    const again = await submitReport(db, { ...input('m:2'), description: 'changed' }, { now: T0 });
    expect(again).toMatchObject({ caseId: first.caseId, created: false });
    expect((await db.select().from(cases).where(eq(cases.sourceKey, 'm:2'))).length).toBe(1);
    expect((await eventsOf(db, first.caseId)).length).toBe(1);
  });

  it('two concurrent submits of one message make one case', async () => {
    const { db } = database;
    const results = await Promise.all([1, 2, 3, 4].map(() => submitReport(db, input('m:race'), { now: T0 })));
    expect(results.filter((r) => r.created).length).toBe(1);
    expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
    const rows = await db.select().from(cases).where(eq(cases.sourceKey, 'm:race'));
    expect(rows.length).toBe(1);
    expect((await eventsOf(db, rows[0]!.id)).length).toBe(1);
    expect((await db.select().from(caseMedia).where(eq(caseMedia.caseId, rows[0]!.id))).length).toBe(2);
  });

  it('refuses unknown categories, missing communities and bad input', async () => {
    const { db } = database;
    expect(await errorOf(submitReport(db, { ...input('m:3'), category: '外星人' }, { now: T0 }))).toMatchObject({
      code: 'bad_request',
    });
    const noCommunity = { ...input('m:4'), openid: 'o-nobody', communityId: undefined };
    expect(await errorOf(submitReport(db, noCommunity, { now: T0 }))).toMatchObject({
      code: 'bad_request',
      message: '请先选择所在社区',
    });
    expect((await errorOf(submitReport(db, { ...input('m:5'), communityId: 'nowhere' }, { now: T0 }))).code).toBe(
      'bad_request',
    );
    expect((await errorOf(submitReport(db, { ...input('m:6'), description: '  ' }, { now: T0 }))).code).toBe(
      'bad_request',
    );
    const badPath = { ...input('m:7'), photos: [{ ...photo(1), path: '../../etc/passwd' }] };
    expect((await errorOf(submitReport(db, badPath, { now: T0 }))).code).toBe('bad_request');
    expect((await db.select().from(cases).where(eq(cases.sourceKey, 'm:4'))).length).toBe(0);
  });

  it("uses the resident's bound community when none is given", async () => {
    const { db } = database;
    const r = await submitReport(db, { ...input('m:8'), communityId: undefined }, { now: T0 });
    expect((await caseRow(db, r.caseId)).communityId).toBe('tongle');
  });

  it('files a proposal (collected), idempotent on sourceKey', async () => {
    const { db } = database;
    const p = {
      openid: 'o-prop',
      sourceKey: 'm:p1',
      title: '校车站加装雨棚',
      description: '小学生等校车日晒雨淋',
      projectType: '工程类' as const,
      beneficiaries: '鱼林村小学生',
      communityId: 'yulin',
      estimatedCost: 8_000_000,
      photos: [photo(3)],
    };
    const r = await submitProposal(db, p, { now: T0 });
    expect(r.created).toBe(true);
    expect(await submitProposal(db, p, { now: T0 })).toEqual({ caseId: r.caseId, created: false });
    expect(await caseRow(db, r.caseId)).toMatchObject({
      kind: 'proposal',
      status: 'collected',
      projectType: '工程类',
      estimatedCost: 8_000_000,
      dueAt: null,
    });
    expect(await listSubscribers(db, r.caseId)).toMatchObject([{ openid: 'o-prop', role: 'author' }]);
    expect((await errorOf(submitProposal(db, { ...p, sourceKey: 'm:p2', projectType: '其他' as '工程类' }, { now: T0 }))).code).toBe(
      'bad_request',
    );
  });
});
