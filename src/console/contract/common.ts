/** Shared pieces of the console contract: roles, constants and query helpers. */
import { z } from 'zod';

export const ROLES = ['admin', 'street', 'community', 'deputy', 'auditor', 'unit'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);
export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', street: '街道', community: '社区', deputy: '人大代表', auditor: '审计员', unit: '承办单位' };

export const CSRF_HEADER = 'X-CSRF-Token';
export const SESSION_COOKIE = 'msw_console';
export const API_BASE = '/api/console';
export const PASSWORD_MIN_LENGTH = 10;

export const iso = z.string();
export const id = z.coerce.number().int().positive().max(2_147_483_647);
export const nonEmpty = z.string().trim().min(1);
/** query flags: true/1 or false/0 */
export const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
export const page = z.coerce.number().int().min(1).max(100_000).default(1);
export const pageSize = z.coerce.number().int().min(1).max(200).default(50);

export const okSchema = z.object({ ok: z.literal(true) });
export const idParamSchema = z.object({ id });
