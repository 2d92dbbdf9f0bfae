/** Open311 API keys of partner systems (12345 平台, 巡查 App): made and revoked by an admin. */
import { z } from 'zod';
import { iso, nonEmpty } from './common.js';

export const open311KeySchema = z.object({
  id: z.number(),
  name: z.string(),
  /** the streets it may file into; null: every street */
  streetIds: z.array(z.string()).nullable(),
  createdAt: iso,
  createdBy: z.number().nullable(),
  revokedAt: iso.nullable(),
});
export const open311KeyListResponseSchema = z.object({ items: z.array(open311KeySchema), endpoint: z.string() });
export const open311KeyBodySchema = z.object({
  name: nonEmpty.max(60),
  /** absent or empty: every street */
  streetIds: z.array(z.string().min(1).max(40)).max(50).optional(),
});
/** the new key, shown this once: only its hash is kept */
export const open311KeyCreatedSchema = z.object({ key: z.string(), item: open311KeySchema });
