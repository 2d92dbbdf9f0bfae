import { asc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from './../db/client.js';
import { keywordReplies } from '../db/schema.js';
import { AppError } from '../errors.js';
import { writeAudit } from './audit.js';
import { inScope } from './auth/access.js';
import { scopeOf, type Scope } from './auth/policy.js';
import type { StaffPrincipal } from './auth/principal.js';
import type { keywordReplyBodySchema, keywordReplyPatchSchema } from './contract.js';

type Row = typeof keywordReplies.$inferSelect;

/**
 * 关键词回复: an account whose scope is all (admins) manages every reply, including the global ones
 * (no community); others manage the replies of their scope's communities and see the global ones
 * read-only.
 */
export const toKeywordReply = (r: Row) => ({ ...r, createdAt: r.createdAt.toISOString() });

export async function listKeywordReplies(db: Db, me: StaffPrincipal): Promise<Row[]> {
  const where = keywordScopeWhere(scopeOf(me));
  return db.select().from(keywordReplies).where(where).orderBy(asc(keywordReplies.keyword), asc(keywordReplies.id));
}

function keywordScopeWhere(s: Scope): SQL | undefined {
  switch (s.kind) {
    case 'all':
      return undefined;
    case 'street':
      return sql`(${keywordReplies.communityId} is null or ${keywordReplies.communityId} in (select kc.id from communities kc where kc.street_id = ${s.streetId}))`;
    case 'community':
      return sql`(${keywordReplies.communityId} is null or ${keywordReplies.communityId} = ${s.communityId})`;
    case 'unit':
    case 'none':
      return sql`false`;
  }
}

async function mayManage(db: Db, me: StaffPrincipal, communityId: string | null): Promise<void> {
  if (scopeOf(me).kind === 'all') return;
  if (communityId === null) throw new AppError('forbidden', '只有管理员可以管理全局关键词回复', { reason: 'global_keyword' });
  if (!(await inScope(db, me, communityId))) throw new AppError('forbidden', '无权管理其他街道的关键词回复', { reason: 'out_of_scope' });
}

function checkContent(replyType: 'text' | 'news', content: Record<string, unknown>): void {
  if ((replyType === 'text') !== ('text' in content))
    throw new AppError('bad_request', replyType === 'text' ? '文字回复需要 content.text' : '图文回复需要 content.title 和 url', { reason: 'content_type' });
}

export async function createKeywordReply(db: Db, me: StaffPrincipal, b: z.output<typeof keywordReplyBodySchema>, now: Date): Promise<Row> {
  const communityId = b.communityId ?? null;
  await mayManage(db, me, communityId);
  checkContent(b.replyType, b.content);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(keywordReplies)
      .values({ keyword: b.keyword, match: b.match, replyType: b.replyType, content: b.content, communityId, enabled: b.enabled, createdAt: now })
      .returning();
    await writeAudit(tx, { staffId: me.id, action: 'keyword_reply.create', target: `keyword_reply:${row!.id}`, after: row, at: now });
    return row!;
  });
}

async function load(db: Db, me: StaffPrincipal, id: number): Promise<Row> {
  const [row] = await db.select().from(keywordReplies).where(eq(keywordReplies.id, id));
  if (!row) throw new AppError('not_found', '没有这条关键词回复', { reason: 'unknown_keyword_reply' });
  await mayManage(db, me, row.communityId);
  return row;
}

export async function updateKeywordReply(db: Db, me: StaffPrincipal, id: number, b: z.output<typeof keywordReplyPatchSchema>, now: Date): Promise<Row> {
  const before = await load(db, me, id);
  if (b.communityId !== undefined) await mayManage(db, me, b.communityId);
  const replyType = b.replyType ?? before.replyType;
  checkContent(replyType, b.content ?? before.content);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(keywordReplies)
      .set({
        ...(b.keyword !== undefined ? { keyword: b.keyword } : {}),
        ...(b.match !== undefined ? { match: b.match } : {}),
        ...(b.replyType !== undefined ? { replyType: b.replyType } : {}),
        ...(b.content !== undefined ? { content: b.content } : {}),
        ...(b.communityId !== undefined ? { communityId: b.communityId } : {}),
        ...(b.enabled !== undefined ? { enabled: b.enabled } : {}),
      })
      .where(eq(keywordReplies.id, id))
      .returning();
    await writeAudit(tx, { staffId: me.id, action: 'keyword_reply.update', target: `keyword_reply:${id}`, before, after: row, at: now });
    return row!;
  });
}

export async function deleteKeywordReply(db: Db, me: StaffPrincipal, id: number, now: Date): Promise<void> {
  const before = await load(db, me, id);
  await db.transaction(async (tx) => {
    await tx.delete(keywordReplies).where(eq(keywordReplies.id, id));
    await writeAudit(tx, { staffId: me.id, action: 'keyword_reply.delete', target: `keyword_reply:${id}`, before, at: now });
  });
}
