import type { Role } from '../contract.js';
import type { staffUsers } from '../../db/schema.js';

/** The staff user behind a request, as the handlers see it. */
export interface StaffPrincipal {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** street staff: their street */
  streetId: string | null;
  /** community staff and deputies: their community */
  communityId: string | null;
  /** 承办单位: the department it is (cases.assignee) */
  unit: string | null;
}

export interface SessionRecord {
  userId: number;
  /** the session-bound CSRF token (synchronizer token) */
  csrf: string;
  /** a fingerprint of the password hash at login: a password change ends the session */
  pw: string;
  /** epoch ms of login (absolute lifetime) */
  createdAt: number;
}

/** what the console keeps in ctx.state */
export interface ConsoleState {
  staff?: StaffPrincipal;
  session?: SessionRecord & { sid: string };
}

export type StaffRow = typeof staffUsers.$inferSelect;

export const toPrincipal = (u: StaffRow): StaffPrincipal => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  role: u.role,
  streetId: u.streetId,
  communityId: u.communityId,
  unit: u.unit,
});
