import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { caseStatusWhere, dueKinds, reviewedTextKinds } from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import { cases, communities, streets } from '../../db/schema.js';
import { caseScopeWhere } from '../auth/access.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { caseListQuerySchema } from '../contract.js';
import { parseQueryDate } from '../dates.js';

export type CaseFilter = Omit<z.output<typeof caseListQuerySchema>, 'page' | 'pageSize' | 'sort' | 'order'> &
  Partial<Pick<z.output<typeof caseListQuerySchema>, 'sort' | 'order'>>;

/**
 * a case of a kind with due dates, still being worked on past its due date (the kinds' status
 * attributes say which statuses are open; a Date inside sql`` is passed as ISO text: postgres.js takes no Date there)
 */
export const overdueSql = (now: Date): SQL =>
  sql`(${caseStatusWhere((a) => a.open, dueKinds())} and ${cases.dueAt} < ${now.toISOString()}::timestamptz)`;

/** residents' photos of the case that no staff member has shown or hidden yet */
const pendingPhotos = sql`from case_media pm where pm.case_id = ${cases.id} and pm.public_state = 'pending'`;

/** a case of a kind whose words are public only as staff approve them, not approved yet */
const textPendingSql = (): SQL => sql`(${inArray(cases.kind, reviewedTextKinds())} and ${cases.publicText} is null)`;

/** `%`, `_` and `\` typed by staff match themselves */
const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** every condition of a case list, the user's scope first; all in SQL */
export function caseWhere(me: StaffPrincipal, f: CaseFilter, now: Date): SQL | undefined {
  const conds: (SQL | undefined)[] = [caseScopeWhere(me)];
  if (f.kind) conds.push(eq(cases.kind, f.kind));
  if (f.communityId) conds.push(eq(cases.communityId, f.communityId));
  if (f.streetId) conds.push(eq(cases.streetId, f.streetId));
  if (f.category) conds.push(eq(cases.category, f.category));
  if (f.status?.length) conds.push(inArray(cases.status, f.status));
  if (f.overdue === true) conds.push(overdueSql(now));
  if (f.overdue === false) conds.push(sql`not ${overdueSql(now)}`);
  if (f.photosPending === true) conds.push(sql`exists (select 1 ${pendingPhotos})`);
  if (f.photosPending === false) conds.push(sql`not exists (select 1 ${pendingPhotos})`);
  if (f.textPending !== undefined) conds.push(f.textPending ? textPendingSql() : sql`not ${textPendingSql()}`);
  if (f.from) conds.push(gte(cases.createdAt, parseQueryDate(f.from, '开始日期')));
  if (f.to) conds.push(lt(cases.createdAt, parseQueryDate(f.to, '结束日期')));
  if (f.q) {
    const p = likePattern(f.q);
    conds.push(sql`(coalesce(${cases.title}, '') ilike ${p} or ${cases.description} ilike ${p})`);
  }
  return and(...conds);
}

/** residents who joined the case, the author not counted (civic's proposalSupportCounts, for a list and its sort) */
const supportCountSql = sql<number>`(select count(*)::int from subscriptions su where su.case_id = ${cases.id} and su.role = 'supporter')`;

const sortColumns = {
  createdAt: cases.createdAt,
  updatedAt: cases.updatedAt,
  dueAt: cases.dueAt,
  id: cases.id,
  status: cases.status,
  supporters: supportCountSql,
} as const;

export const caseRowColumns = {
  c: cases,
  communityName: communities.name,
  streetId: cases.streetId,
  streetName: streets.name,
  photosPending: sql<number>`(select count(*)::int ${pendingPhotos})`.mapWith(Number),
  supportCount: supportCountSql.mapWith(Number),
};
export type CaseListRow = {
  c: typeof cases.$inferSelect;
  communityName: string | null;
  streetId: string | null;
  streetName: string | null;
  photosPending: number;
  supportCount: number;
};

/** cases with their community and street names, filtered, sorted, one page (or all up to `limit`) */
export async function selectCases(
  db: Db,
  where: SQL | undefined,
  o: { sort?: keyof typeof sortColumns; order?: 'asc' | 'desc'; limit: number; offset?: number },
): Promise<CaseListRow[]> {
  const col = sortColumns[o.sort ?? 'createdAt'];
  const dir = o.order === 'asc' ? asc : desc;
  return db
    .select(caseRowColumns)
    .from(cases)
    .leftJoin(communities, eq(communities.id, cases.communityId))
    .leftJoin(streets, eq(streets.id, cases.streetId))
    .where(where)
    .orderBy(sql`${dir(col)} nulls last`, dir(cases.id))
    .limit(o.limit)
    .offset(o.offset ?? 0);
}

export async function countCases(db: Db, where: SQL | undefined): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where);
  return Number(row?.n ?? 0);
}
