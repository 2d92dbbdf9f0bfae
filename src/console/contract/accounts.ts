/** Accounts: login, session, password, staff users, scope. */
import { z } from 'zod';
import { flag, nonEmpty, PASSWORD_MIN_LENGTH, roleSchema } from './common.js';
import { PERMISSIONS, SCOPE_KINDS, type Permission } from './policy.js';


export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  streetId: z.string().nullable(),
  communityId: z.string().nullable(),
  /** a 承办单位 account: its unit (it sees the cases assigned to it) */
  unit: z.string().nullable(),
  /** whose things the user sees (policy.ts SCOPE_RULES, resolved for this account) */
  scope: z.enum(SCOPE_KINDS),
  /** every permission of policy.ts, true when the user's role holds it: the SPA shows or hides actions by it (the server checks again) */
  can: z.object(Object.fromEntries(PERMISSIONS.map((p) => [p, z.boolean()])) as Record<Permission, z.ZodBoolean>),
});
export type Me = z.infer<typeof meSchema>;

export const loginBodySchema = z.object({ username: nonEmpty.max(64), password: z.string().min(1).max(256) });
/**
 * The case map's tile source (CONSOLE_MAP_TILES, _SUBDOMAINS, _ATTRIBUTION, _COORDS). Absent: the
 * console shows no map and asks nothing of any server but its own.
 */
export const mapSettingsSchema = z.object({
  /** a Leaflet URL template, http(s), with {z} {x} {y} (or {-y}) and maybe {s} */
  tiles: z.string(),
  /** what {s} takes turns with */
  subdomains: z.array(z.string()),
  /** plain text shown on the map (the SPA escapes it: Leaflet would take it as HTML) */
  attribution: z.string().optional(),
  /** the tiles' datum; case coordinates are WGS-84 (converted from WeChat's GCJ-02 on arrival), moved for gcj02 tiles */
  coords: z.enum(['gcj02', 'wgs84']),
});
export type MapSettings = z.infer<typeof mapSettingsSchema>;

export const sessionResponseSchema = z.object({
  user: meSchema,
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number(),
  map: mapSettingsSchema.optional(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const passwordBodySchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(256),
});
/** a password change ends every other session and answers with a fresh one (new cookie, new token) */
export const passwordResponseSchema = sessionResponseSchema;

/**
 * The name residents read before a staff reply (工作人员 小王：): short, one line, no markup (it
 * reaches residents as it is written).
 */
export const publicNameSchema = nonEmpty.max(12).regex(/^[^<>&"'\\\r\n\t\p{Cc}\p{Cf}]+$/u);

export const staffUserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  /** what residents read on this account's replies; null: 工作人员 alone */
  publicName: z.string().nullable(),
  role: roleSchema,
  streetId: z.string().nullable(),
  communityId: z.string().nullable(),
  unit: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;
export const staffListQuerySchema = z.object({ assignable: flag.optional() });
export const staffListResponseSchema = z.object({ items: z.array(staffUserSchema) });
export const staffCreateBodySchema = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/),
  displayName: nonEmpty.max(64),
  publicName: publicNameSchema.optional(),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(256),
  role: roleSchema,
  streetId: z.string().min(1).optional(),
  communityId: z.string().min(1).optional(),
  /** 承办单位: the unit's name exactly as cases are assigned to it (指派 / 转办), e.g. 城管执法队 */
  unit: nonEmpty.max(64).optional(),
});
export const staffUpdateBodySchema = z.object({
  displayName: nonEmpty.max(64).optional(),
  /** null clears it (replies then say 工作人员 alone) */
  publicName: publicNameSchema.nullable().optional(),
  disabled: z.boolean().optional(),
  /** a new password set by an admin (the user should change it) */
  password: z.string().min(PASSWORD_MIN_LENGTH).max(256).optional(),
  /** clears failed_logins and locked_until */
  unlock: z.literal(true).optional(),
});

export const scopeResponseSchema = z.object({
  streets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      district: z.string(),
      communities: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  categories: z.array(z.object({ id: z.string(), name: z.string(), dueWorkingDays: z.number() })),
});

