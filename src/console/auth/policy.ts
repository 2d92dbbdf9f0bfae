import { roleCan, SCOPE_RULES, type Permission, type ScopeKind } from '../contract/policy.js';
import type { StaffPrincipal } from './principal.js';

/**
 * The policy table (contract/policy.ts) applied to one account: does it hold a permission, and
 * whose things does it see. Every role check of the server goes through here; switches over roles
 * and scopes have no default branch, so a new role or scope is a compile error until it is placed,
 * and a role the table does not know (a row written by something else) gets nothing at runtime.
 */

export type Scope =
  | { kind: 'all' }
  | { kind: 'street'; streetId: string }
  | { kind: 'community'; communityId: string }
  | { kind: 'unit'; unit: string }
  | { kind: 'none' };

const NONE: Scope = { kind: 'none' };

export const can = (me: Pick<StaffPrincipal, 'role'>, p: Permission): boolean => roleCan(me.role, p);

const street = (id: string | null): Scope => (id ? { kind: 'street', streetId: id } : NONE);
const community = (id: string | null): Scope => (id ? { kind: 'community', communityId: id } : NONE);

/** the account's scope, from its role's scope rule and its place; an account missing the place its rule needs sees nothing */
export function scopeOf(me: Pick<StaffPrincipal, 'role' | 'streetId' | 'communityId' | 'unit'>): Scope {
  const rule = SCOPE_RULES[me.role];
  switch (rule) {
    case 'all':
      return { kind: 'all' };
    case 'street':
      return street(me.streetId);
    case 'community':
      return community(me.communityId);
    case 'placed':
      return me.streetId ? street(me.streetId) : me.communityId ? community(me.communityId) : { kind: 'all' };
    case 'unit':
      return me.unit ? { kind: 'unit', unit: me.unit } : NONE;
  }
  return nothing(rule);
}

export const scopeKindOf = (me: Pick<StaffPrincipal, 'role' | 'streetId' | 'communityId' | 'unit'>): ScopeKind => scopeOf(me).kind;

/** the end of an exhaustive switch: unreachable for the compiler, nothing at runtime (a role the table does not know) */
function nothing(_: never): Scope {
  return NONE;
}
