import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { communities, staffUsers, streets } from '../db/schema.js';
import { AppError } from '../errors.js';
import { scopeOf, type Scope } from './auth/policy.js';
import type { StaffPrincipal, StaffRow } from './auth/principal.js';
import { hashPassword, type HashCost } from './auth/password.js';
import { rolesWith, SCOPE_RULES, type StaffUser, type staffCreateBodySchema } from './contract.js';

export type NewStaffUser = z.output<typeof staffCreateBodySchema>;

export const toStaffUser = (u: StaffRow, now: Date): StaffUser => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  publicName: u.publicName,
  role: u.role,
  streetId: u.streetId,
  communityId: u.communityId,
  unit: u.unit,
  disabled: u.disabled,
  locked: Boolean(u.lockedUntil && u.lockedUntil > now),
});

/**
 * Creates a staff account with an argon2id hash. The place must fit the role's scope rule
 * (contract/policy.ts): a street user names an existing street, a community user or deputy an
 * existing community, an auditor either or neither (neither: everything), a unit its name, an
 * admin nothing.
 */
export async function createStaffUser(db: Db, input: NewStaffUser, cost?: HashCost): Promise<StaffRow> {
  const place = await placeOf(db, input);
  const passwordHash = await hashPassword(input.password, cost);
  const [row] = await db
    .insert(staffUsers)
    .values({ username: input.username, displayName: input.displayName, publicName: input.publicName ?? null, passwordHash, role: input.role, ...place })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('conflict', `用户名 ${input.username} 已被使用`, { reason: 'username_taken' });
  return row;
}

interface Place {
  streetId: string | null;
  communityId: string | null;
  unit: string | null;
}
const NOWHERE: Place = { streetId: null, communityId: null, unit: null };

async function placeOf(db: Db, input: NewStaffUser): Promise<Place> {
  const rule = SCOPE_RULES[input.role];
  switch (rule) {
    case 'all':
      return NOWHERE;
    case 'street':
      if (!input.streetId) throw new AppError('bad_request', '街道账号需要选择所属街道', { reason: 'scope_required' });
      return { ...NOWHERE, streetId: await knownStreet(db, input.streetId) };
    case 'community':
      if (!input.communityId) throw new AppError('bad_request', '社区账号和人大代表需要选择所属社区', { reason: 'scope_required' });
      return { ...NOWHERE, communityId: await knownCommunity(db, input.communityId) };
    case 'placed':
      if (input.streetId && input.communityId)
        throw new AppError('bad_request', '审计员只能指定一个街道或一个社区（都不指定则查看全部）', { reason: 'scope_ambiguous' });
      if (input.streetId) return { ...NOWHERE, streetId: await knownStreet(db, input.streetId) };
      if (input.communityId) return { ...NOWHERE, communityId: await knownCommunity(db, input.communityId) };
      return NOWHERE;
    case 'unit':
      if (!input.unit) throw new AppError('bad_request', '承办单位账号需要填写单位名称（与指派、转办时填写的一致）', { reason: 'scope_required' });
      return { ...NOWHERE, unit: input.unit };
  }
  return unknownRole(rule);
}

function unknownRole(_: never): never {
  throw new AppError('bad_request', '没有这个角色', { reason: 'unknown_role' });
}

async function knownStreet(db: Db, id: string): Promise<string> {
  const [s] = await db.select({ id: streets.id }).from(streets).where(eq(streets.id, id));
  if (!s) throw new AppError('bad_request', `没有这个街道：${id}`, { reason: 'unknown_street' });
  return s.id;
}

async function knownCommunity(db: Db, id: string): Promise<string> {
  const [c] = await db.select({ id: communities.id }).from(communities).where(eq(communities.id, id));
  if (!c) throw new AppError('bad_request', `没有这个社区：${id}`, { reason: 'unknown_community' });
  return c.id;
}

/**
 * Staff users the caller may see: scope all sees everyone; others the staff of their scope
 * (street: their street's street and community staff; community: their community's; a unit no
 * one). With `assignable`, only enabled users who can take a ticket (the inbox permission).
 */
export async function listStaff(db: Db, me: StaffPrincipal, o: { assignable?: boolean } = {}): Promise<StaffRow[]> {
  const conds: SQL[] = [staffScopeWhere(scopeOf(me))];
  if (o.assignable) conds.push(eq(staffUsers.disabled, false), inArray(staffUsers.role, [...rolesWith('inbox')]));
  return db
    .select()
    .from(staffUsers)
    .where(and(...conds))
    .orderBy(asc(staffUsers.role), asc(staffUsers.username));
}

function staffScopeWhere(s: Scope): SQL {
  switch (s.kind) {
    case 'all':
      return sql`true`;
    case 'street':
      return sql`(${staffUsers.streetId} = ${s.streetId} or ${staffUsers.communityId} in (select sc.id from communities sc where sc.street_id = ${s.streetId}))`;
    case 'community':
      return eq(staffUsers.communityId, s.communityId);
    case 'unit':
    case 'none':
      return sql`false`;
  }
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
