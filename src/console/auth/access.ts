import { eq, sql, type Column, type SQL } from 'drizzle-orm';
import type Koa from 'koa';
import type { Db } from '../../db/client.js';
import { cases, communities } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { RouteSpec } from '../contract.js';
import { can, scopeOf, type Scope } from './policy.js';
import type { ConsoleState, StaffPrincipal } from './principal.js';

/**
 * Who may see what, by the scope of the account (auth/policy.ts, from the table in
 * contract/policy.ts):
 * - all: everything;
 * - street: the communities of their street, plus what has no community yet (社区未知: a resident
 *   who never said where they live) so that it is triaged at the street office and not lost;
 * - community: their own community only;
 * - unit (承办单位): the cases assigned to it, and nothing that belongs to a community (tickets,
 *   keyword replies, staff);
 * - none: nothing.
 * Lists are filtered in SQL with scopeWhere; a single thing is checked with assertScope, which
 * answers 403 before any of its data is read into the answer.
 *
 * Subqueries name their tables themselves: drizzle leaves columns unqualified in a query without a
 * join, where a bare "id" inside a subquery would bind to the wrong table.
 */

/** The first line of every handler: the logged-in user, if their role holds the route's permission. */
export function allow(ctx: Koa.Context, spec: Pick<RouteSpec, 'permission'>): StaffPrincipal {
  const me = (ctx.state as ConsoleState).staff;
  if (!me) throw new AppError('unauthorized', '请先登录', { reason: 'no_session' });
  if (spec.permission !== 'public' && !can(me, spec.permission))
    throw new AppError('forbidden', '您的账号没有这项权限', { reason: 'role' });
  return me;
}

const NOTHING = sql`false`;

/** the SQL condition that keeps rows whose community column is in the user's scope; undefined = all */
export function scopeWhere(me: StaffPrincipal, column: Column | SQL): SQL | undefined {
  const s = scopeOf(me);
  switch (s.kind) {
    case 'all':
      return undefined;
    case 'street':
      return sql`(${column} is null or ${column} in (select sc.id from communities sc where sc.street_id = ${s.streetId}))`;
    case 'community':
      return sql`${column} = ${s.communityId}`;
    case 'unit':
    case 'none':
      return NOTHING;
  }
}

/**
 * scopeWhere for cases: a street also sees the cases left to it with no community (不清楚: the
 * resident did not know, cases.street_id says whose); not another street's. A case whose street no
 * one knows either waits in the admins' triage pool: no street office sees it until an admin
 * assigns it (改派社区), so a case is never shown to every street at once. A unit sees the cases
 * assigned to it (cases.assignee), wherever they are.
 */
export function caseScopeWhere(me: StaffPrincipal): SQL | undefined {
  const s = scopeOf(me);
  switch (s.kind) {
    case 'all':
      return undefined;
    case 'street':
      return sql`(${cases.communityId} in (select sc.id from communities sc where sc.street_id = ${s.streetId}) or (${cases.communityId} is null and ${cases.streetId} = ${s.streetId}))`;
    case 'community':
      return sql`${cases.communityId} = ${s.communityId}`;
    case 'unit':
      return sql`${cases.assignee} = ${s.unit}`;
    case 'none':
      return NOTHING;
  }
}

/** caseScopeWhere for one case as read: its community, else the street left to triage it (admins only when neither); a unit's when assigned to it */
export async function caseInScopeOf(
  db: Db,
  me: StaffPrincipal,
  row: { communityId: string | null; streetId: string | null; assignee: string | null },
): Promise<boolean> {
  const s = scopeOf(me);
  switch (s.kind) {
    case 'all':
      return true;
    case 'street':
      return row.communityId !== null ? (await streetOf(db, row.communityId)) === s.streetId : row.streetId === s.streetId;
    case 'community':
      return row.communityId !== null && row.communityId === s.communityId;
    case 'unit':
      return row.assignee !== null && row.assignee === s.unit;
    case 'none':
      return false;
  }
}

/** the street a community belongs to (undefined when unknown) */
export async function streetOf(db: Db, communityId: string): Promise<string | undefined> {
  const [row] = await db.select({ streetId: communities.streetId }).from(communities).where(eq(communities.id, communityId));
  return row?.streetId;
}

/** is a thing of this community (null: none yet) in the scope; a unit holds no community's things */
export async function inScope(db: Db, me: StaffPrincipal, communityId: string | null): Promise<boolean> {
  const s = scopeOf(me);
  switch (s.kind) {
    case 'all':
      return true;
    case 'street':
      return communityId === null || (await streetOf(db, communityId)) === s.streetId;
    case 'community':
      return communityId !== null && communityId === s.communityId;
    case 'unit':
    case 'none':
      return false;
  }
}

/** 403 unless the thing's community is in the user's scope */
export async function assertScope(db: Db, me: StaffPrincipal, communityId: string | null, what: string): Promise<void> {
  if (!(await inScope(db, me, communityId)))
    throw new AppError('forbidden', `无权访问其他社区的${what}`, { reason: 'out_of_scope' });
}

/** the community ids a user may see (undefined = all, including none), for filters in memory */
export async function communityIdsInScope(db: Db, me: StaffPrincipal): Promise<Set<string> | undefined> {
  const s: Scope = scopeOf(me);
  switch (s.kind) {
    case 'all':
      return undefined;
    case 'street': {
      const rows = await db.select({ id: communities.id }).from(communities).where(eq(communities.streetId, s.streetId));
      return new Set(rows.map((r) => r.id));
    }
    case 'community':
      return new Set([s.communityId]);
    case 'unit':
    case 'none':
      return new Set();
  }
}
