import type Router from '@koa/router';
import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { auditLog, cases, conversations } from '../../db/schema.js';
import type { Db } from '../../db/client.js';
import { allow, caseScopeWhere, scopeWhere } from '../auth/access.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { auditQuerySchema, keywordReplyBodySchema, keywordReplyPatchSchema, routes } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { pathId, readBody, readQuery, sendJson } from '../http.js';
import { KEYWORD_REPLIES_CHANGED } from '../../vocabulary/keyword-replies-changed.js';
import { createKeywordReply, deleteKeywordReply, listKeywordReplies, toKeywordReply, updateKeywordReply } from '../keyword-replies.js';
import { staffNames } from '../staff.js';

/**
 * The audit log within the user's scope: everything for scope all; otherwise what was done to the
 * cases and tickets in scope (accounts, logins, menus and keyword replies are the admins' log).
 */
function auditScopeWhere(db: Db, me: StaffPrincipal): SQL | undefined {
  const onCases = caseScopeWhere(me);
  if (!onCases) return undefined;
  return or(
    inArray(auditLog.target, db.select({ t: sql<string>`'case:' || ${cases.id}` }).from(cases).where(onCases)),
    inArray(auditLog.target, db.select({ t: sql<string>`'ticket:' || ${conversations.id}` }).from(conversations).where(scopeWhere(me, conversations.communityId))),
  );
}

/** keyword replies and the audit log (permissions in contract/policy.ts) */
export function mountAdminRoutes(router: Router, deps: ConsoleDeps): void {
  // every instance's bot drops its keyword cache at once (src/runtime/keyword-replies.ts)
  const keywordsChanged = () => deps.store.publish(KEYWORD_REPLIES_CHANGED, 'console').catch(() => {});
  const { db } = deps;

  router.get(routes.keywordList.path, async (ctx) => {
    const me = allow(ctx, routes.keywordList);
    sendJson(ctx, { items: (await listKeywordReplies(db, me)).map(toKeywordReply) });
  });

  router.post(routes.keywordCreate.path, async (ctx) => {
    const me = allow(ctx, routes.keywordCreate);
    const body = await readBody(ctx, keywordReplyBodySchema);
    const row = await createKeywordReply(db, me, body, deps.now());
    await keywordsChanged();
    sendJson(ctx, toKeywordReply(row), 201);
  });

  router.patch(routes.keywordUpdate.path, async (ctx) => {
    const me = allow(ctx, routes.keywordUpdate);
    const id = pathId(ctx.params.id, '关键词回复');
    const body = await readBody(ctx, keywordReplyPatchSchema);
    const row = await updateKeywordReply(db, me, id, body, deps.now());
    await keywordsChanged();
    sendJson(ctx, toKeywordReply(row));
  });

  router.delete(routes.keywordDelete.path, async (ctx) => {
    const me = allow(ctx, routes.keywordDelete);
    await deleteKeywordReply(db, me, pathId(ctx.params.id, '关键词回复'), deps.now());
    await keywordsChanged();
    sendJson(ctx, { ok: true });
  });

  router.get(routes.audit.path, async (ctx) => {
    const me = allow(ctx, routes.audit);
    const q = readQuery(ctx, auditQuerySchema);
    const where = and(
      auditScopeWhere(db, me),
      q.staffId ? eq(auditLog.staffId, q.staffId) : undefined,
      q.action ? eq(auditLog.action, q.action) : undefined,
      q.target ? eq(auditLog.target, q.target) : undefined,
    );
    const rows = await db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(where);
    const names = await staffNames(db, rows.flatMap((r) => (r.staffId ? [r.staffId] : [])));
    sendJson(ctx, {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at.toISOString(),
        staffId: r.staffId,
        staffName: r.staffId ? (names.get(r.staffId) ?? null) : null,
        action: r.action,
        target: r.target,
        before: r.before,
        after: r.after,
      })),
      total: Number(count?.n ?? 0),
    });
  });
}
