import { eq, sql, type Column, type SQL } from 'drizzle-orm';
import type Koa from 'koa';
import type { Db } from '../../db/client.js';
import { communities } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { RouteSpec } from '../contract.js';
import type { ConsoleState, StaffPrincipal } from './principal.js';

/**
 * Who may see what:
 * - admin: everything;
 * - street: the communities of their street, plus what has no community yet (社区未知: a resident
 *   who never said where they live) so that it is triaged at the street office and not lost;
 * - community and deputy: their own community only.
 * Lists are filtered in SQL with scopeWhere; a single thing is checked with assertScope, which
 * answers 403 before any of its data is read into the answer.
 *
 * Subqueries name their tables themselves: drizzle leaves columns unqualified in a query without a
 * join, where a bare "id" inside a subquery would bind to the wrong table.
 */

/** The first line of every handler: the logged-in user, if the route allows their role. */
export function allow(ctx: Koa.Context, spec: Pick<RouteSpec, 'roles'>): StaffPrincipal {
  const me = (ctx.state as ConsoleState).staff;
  if (!me) throw new AppError('unauthorized', '请先登录', { reason: 'no_session' });
  if (spec.roles !== 'public' && !spec.roles.includes(me.role))
    throw new AppError('forbidden', '您的账号没有这项权限', { reason: 'role' });
  return me;
}

/** the SQL condition that keeps rows whose community column is in the user's scope; undefined = all */
export function scopeWhere(me: StaffPrincipal, column: Column | SQL): SQL | undefined {
  switch (me.role) {
    case 'admin':
      return undefined;
    case 'street':
      return sql`(${column} is null or ${column} in (select sc.id from communities sc where sc.street_id = ${me.streetId ?? ''}))`;
    default:
      return sql`${column} = ${me.communityId ?? ''}`;
  }
}

/**
 * scopeWhere for cases: a street also sees the cases left to it with no community (不清楚: the
 * resident did not know, cases.street_id says whose); not another street's. A case whose street no
 * one knows either waits in the admins' triage pool: no street office sees it until an admin
 * assigns it (改派社区), so a case is never shown to every street at once.
 */
export function caseScopeWhere(me: StaffPrincipal, community: Column, street: Column): SQL | undefined {
  if (me.role !== 'street') return scopeWhere(me, community);
  const mine = me.streetId ?? '';
  return sql`(${community} in (select sc.id from communities sc where sc.street_id = ${mine}) or (${community} is null and ${street} = ${mine}))`;
}

/** caseScopeWhere for one case as read: its community, else the street left to triage it (admins only when neither) */
export async function caseInScopeOf(db: Db, me: StaffPrincipal, row: { communityId: string | null; streetId: string | null }): Promise<boolean> {
  if (row.communityId !== null || me.role !== 'street') return row.communityId === null ? me.role === 'admin' : inScope(db, me, row.communityId);
  return row.streetId !== null && row.streetId === me.streetId;
}

/** the street a community belongs to (undefined when unknown) */
export async function streetOf(db: Db, communityId: string): Promise<string | undefined> {
  const [row] = await db.select({ streetId: communities.streetId }).from(communities).where(eq(communities.id, communityId));
  return row?.streetId;
}

export async function inScope(db: Db, me: StaffPrincipal, communityId: string | null): Promise<boolean> {
  switch (me.role) {
    case 'admin':
      return true;
    case 'street':
      return communityId === null || (await streetOf(db, communityId)) === me.streetId;
    default:
      return communityId !== null && communityId === me.communityId;
  }
}

/** 403 unless the thing's community is in the user's scope */
export async function assertScope(db: Db, me: StaffPrincipal, communityId: string | null, what: string): Promise<void> {
  if (!(await inScope(db, me, communityId)))
    throw new AppError('forbidden', `无权访问其他社区的${what}`, { reason: 'out_of_scope' });
}

/** the community ids a user may see (undefined = all, including none), for filters in memory */
export async function communityIdsInScope(db: Db, me: StaffPrincipal): Promise<Set<string> | undefined> {
  if (me.role === 'admin') return undefined;
  if (me.role === 'street') {
    const rows = await db.select({ id: communities.id }).from(communities).where(eq(communities.streetId, me.streetId ?? ''));
    return new Set(rows.map((r) => r.id));
  }
  return new Set(me.communityId ? [me.communityId] : []);
}
