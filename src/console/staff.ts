import { and, asc, eq, ne, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { communities, staffUsers, streets } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { StaffPrincipal, StaffRow } from './auth/principal.js';
import { hashPassword, type HashCost } from './auth/password.js';
import type { StaffUser, staffCreateBodySchema } from './contract.js';

export type NewStaffUser = z.output<typeof staffCreateBodySchema>;

export const toStaffUser = (u: StaffRow, now: Date): StaffUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  publicName: u.publicName,
  role: u.role,
  streetId: u.streetId,
  communityId: u.communityId,
  disabled: u.disabled,
  locked: Boolean(u.lockedUntil && u.lockedUntil > now),
});

/**
 * Creates a staff account with an argon2id hash. The scope must fit the role: a street user names
 * an existing street, a community user or deputy an existing community, an admin neither.
 */
export async function createStaffUser(db: Db, input: NewStaffUser, cost?: HashCost): Promise<StaffRow> {
  let streetId: string | null = null;
  let communityId: string | null = null;
  if (input.role === 'street') {
    if (!input.streetId) throw new AppError('bad_request', '街道账号需要选择所属街道', { reason: 'scope_required' });
    const [s] = await db.select({ id: streets.id }).from(streets).where(eq(streets.id, input.streetId));
    if (!s) throw new AppError('bad_request', `没有这个街道：${input.streetId}`, { reason: 'unknown_street' });
    streetId = s.id;
  } else if (input.role === 'community' || input.role === 'deputy') {
    if (!input.communityId) throw new AppError('bad_request', '社区账号和人大代表需要选择所属社区', { reason: 'scope_required' });
    const [c] = await db.select({ id: communities.id }).from(communities).where(eq(communities.id, input.communityId));
    if (!c) throw new AppError('bad_request', `没有这个社区：${input.communityId}`, { reason: 'unknown_community' });
    communityId = c.id;
  }
  const passwordHash = await hashPassword(input.password, cost);
  const [row] = await db
    .insert(staffUsers)
    .values({ username: input.username, displayName: input.displayName, publicName: input.publicName ?? null, passwordHash, role: input.role, streetId, communityId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('conflict', `用户名 ${input.username} 已被使用`, { reason: 'username_taken' });
  return row;
}

/**
 * Staff users the caller may see: an admin sees everyone; others see the staff of their scope
 * (street: their street's street and community staff; community: their community's). With
 * `assignable`, only enabled non-deputy users (who can take a ticket).
 */
export async function listStaff(db: Db, me: StaffPrincipal, o: { assignable?: boolean } = {}): Promise<StaffRow[]> {
  const conds: SQL[] = [];
  if (me.role === 'street')
    conds.push(
      sql`(${staffUsers.streetId} = ${me.streetId ?? ''} or ${staffUsers.communityId} in (select sc.id from communities sc where sc.street_id = ${me.streetId ?? ''}))`,
    );
  if (me.role === 'community' || me.role === 'deputy') conds.push(eq(staffUsers.communityId, me.communityId ?? ''));
  if (o.assignable) conds.push(eq(staffUsers.disabled, false), ne(staffUsers.role, 'deputy'));
  return db
    .select()
    .from(staffUsers)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(staffUsers.role), asc(staffUsers.username));
}

export async function findStaff(db: Db, id: number): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, id));
  return row;
}

/** display names of staff ids (for transcripts, timelines and the audit list) */
export async function staffNames(db: Db, ids: Iterable<number>): Promise<Map<number, string>> {
  const list = [...new Set(ids)].filter((n) => Number.isInteger(n) && n > 0);
  if (!list.length) return new Map();
  const rows = await db
    .select({ id: staffUsers.id, name: staffUsers.displayName })
    .from(staffUsers)
    .where(sql`${staffUsers.id} in (${sql.join(list.map((n) => sql`${n}`), sql`, `)})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}
