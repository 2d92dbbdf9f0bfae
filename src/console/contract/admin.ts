/** Keyword replies and the audit log. */
import { z } from 'zod';
import { iso, nonEmpty, page, pageSize } from './common.js';


export const keywordReplySchema = z.object({
  id: z.number(),
  keyword: z.string(),
  match: z.enum(['exact', 'prefix']),
  replyType: z.enum(['text', 'news']),
  content: z.record(z.string(), z.unknown()),
  communityId: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: iso,
});
const keywordContent = z.union([
  z.object({ text: nonEmpty.max(600) }),
  z.object({ title: nonEmpty.max(64), description: z.string().max(120).default(''), url: z.url(), picUrl: z.url().optional() }),
]);
export const keywordReplyBodySchema = z.object({
  keyword: nonEmpty.max(30),
  match: z.enum(['exact', 'prefix']).default('exact'),
  replyType: z.enum(['text', 'news']).default('text'),
  content: keywordContent,
  /** null/absent = every community (admin only) */
  communityId: z.string().min(1).nullable().optional(),
  enabled: z.boolean().default(true),
});
export const keywordReplyPatchSchema = z.object({
  keyword: nonEmpty.max(30).optional(),
  match: z.enum(['exact', 'prefix']).optional(),
  replyType: z.enum(['text', 'news']).optional(),
  content: keywordContent.optional(),
  communityId: z.string().min(1).nullable().optional(),
  enabled: z.boolean().optional(),
});
export const keywordReplyListResponseSchema = z.object({ items: z.array(keywordReplySchema) });

export const auditQuerySchema = z.object({
  staffId: z.coerce.number().int().positive().optional(),
  action: z.string().min(1).max(64).optional(),
  target: z.string().min(1).max(100).optional(),
  page,
  pageSize,
});
export const auditEntrySchema = z.object({
  id: z.number(),
  at: iso,
  staffId: z.number().nullable(),
  staffName: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export const auditListResponseSchema = z.object({ items: z.array(auditEntrySchema), total: z.number() });

