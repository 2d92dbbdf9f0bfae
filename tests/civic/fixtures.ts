import { eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../../src/db/client.js';
import { caseEvents, cases, outbox } from '../../src/db/schema.js';
import { seedCommunities } from '../../src/civic/communities.js';
import type { CivicContext } from '../../src/civic/context.js';
import { submitProposal, type ProposalInput } from '../../src/civic/kinds/proposal.js';
import { submitReport, type ReportInput } from '../../src/civic/kinds/report.js';
import { submitWish, type WishInput } from '../../src/civic/kinds/wish.js';
import { openTestDatabase, type DbKind } from '../helpers/db.js';

/** Monday 2 March 2026, 10:00 in Shenzhen */
export const T0 = new Date('2026-03-02T02:00:00Z');
export const at = (iso: string) => new Date(iso);
export const ctxAt = (now: Date = T0): CivicContext => ({ now });
export const days = (n: number, from: Date = T0) => new Date(from.getTime() + n * 86_400_000);

export const staff = { type: 'staff', id: 'staff:1' } as const;
export const sha = (c: string) => c.repeat(64).slice(0, 64);
export const photo = (n: number) => ({ path: `2026/03/p${n}.jpg`, sha256: sha('ab'), bytes: 1000 + n, contentType: 'image/jpeg' });

export async function openSeeded(kind: DbKind = 'postgres'): Promise<Database> {
  const database = await openTestDatabase(kind);
  await seedCommunities(database.db);
  return database;
}

let seq = 0;
export async function report(db: Db, over: Partial<ReportInput> = {}, now: Date = T0): Promise<number> {
  seq += 1;
  const r = await submitReport(
    db,
    {
      openid: 'o-author',
      sourceKey: `msg:${seq}:${Math.random()}`,
      category: 'streetlight',
      description: '南头古城中山南街路灯不亮',
      location: { lat: 22.5431, lng: 113.9236, label: '中山南街 12 号' },
      photos: [],
      communityId: 'nantoucheng',
      ...over,
    },
    { now },
  );
  return r.caseId;
}

export async function proposal(db: Db, over: Partial<ProposalInput> = {}, now: Date = T0): Promise<number> {
  seq += 1;
  const r = await submitProposal(
    db,
    {
      openid: 'o-author',
      sourceKey: `msg:${seq}:${Math.random()}`,
      title: '村巷加装照明灯',
      description: '村道小巷狭窄，夜里漆黑，希望加装路灯',
      projectType: '工程类',
      beneficiaries: '全村居民',
      communityId: 'shabaishi',
      estimatedCost: 30_000_00,
      photos: [],
      ...over,
    },
    { now },
  );
  return r.caseId;
}

export async function wish(db: Db, over: Partial<WishInput> = {}, now: Date = T0): Promise<number> {
  seq += 1;
  const r = await submitWish(
    db,
    {
      openid: 'o-wisher',
      sourceKey: `msg:${seq}:${Math.random()}`,
      title: '一台助听器',
      description: '3栋502的王阿姨独居，耳朵不好，听不见敲门声，希望有一台助听器',
      beneficiaries: '独居老人',
      estimatedCost: 1_500_00,
      communityId: 'nantoucheng',
      photos: [],
      ...over,
    },
    { now },
  );
  return r.caseId;
}

/** test setup only: put a case straight into a status */
export async function forceStatus(db: Db, caseId: number, status: string, extra: Partial<typeof cases.$inferInsert> = {}) {
  await db.update(cases).set({ status, ...extra }).where(eq(cases.id, caseId));
}

export async function caseRow(db: Db, caseId: number) {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  return row!;
}

export async function outboxOf(db: Db, caseId?: number) {
  const q = db.select().from(outbox);
  return (caseId === undefined ? q : q.where(eq(outbox.caseId, caseId))).orderBy(outbox.id);
}

export async function eventsOf(db: Db, caseId: number) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(caseEvents.id);
}

export async function count(db: Db, table: 'cases' | 'outbox' | 'case_events' | 'subscriptions' | 'case_media') {
  const rows = await db.execute(sql`select count(*)::int as n from ${sql.identifier(table)}`);
  const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows) as { n: number }[];
  return Number(list[0]!.n);
}

/** the AppError a promise rejects with */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected the call to fail');
}
