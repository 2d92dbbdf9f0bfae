import { eq } from 'drizzle-orm';
import { wechatMenus } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { LockTimeoutError, withLock } from '../../state/lock.js';
import { menuSchema } from '../../wechat/api/menu.js';
import { writeAudit } from '../audit.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { MenuVersion } from '../contract/menu.js';
import type { ConsoleDeps } from '../deps.js';
import { publishRefusal } from './publish-refusal.js';
import { auditView, liveVersion, loadVersion, toVersions } from './menu-versions.js';

/** one publish at a time across instances, so the newest publishedAt is the menu WeChat holds */
const PUBLISH_LOCK = 'staff:menu-publish';
const LOCK = { ttlMs: 90_000, waitMs: 10_000, retryMs: 50 };

/**
 * 发布到公众号: menu/create with this version, then its publishedAt/By — only once WeChat took it.
 * Publishing an older version is the rollback. A refusal is a zh-CN error and an audit row
 * (menu.publish_failed); the version stays as it was.
 */
export async function publishMenu(deps: ConsoleDeps, me: StaffPrincipal, id: number): Promise<{ version: MenuVersion }> {
  const row = await loadVersion(deps.db, id);
  const parsed = menuSchema.safeParse(row.menu);
  if (!parsed.success) throw new AppError('conflict', '这个版本不符合微信的菜单规则：请恢复到编辑器里修改后另存再发布', { reason: 'invalid_menu' });
  const api = deps.api();
  if (!api) throw new AppError('unavailable', '微信接口未配置（WECHAT_APP_ID / WECHAT_APP_SECRET），无法发布菜单', { reason: 'no_api' });
  try {
    return await withLock(deps.store, PUBLISH_LOCK, LOCK, async () => {
      const before = await liveVersion(deps.db);
      try {
        await api.menu.create(parsed.data);
      } catch (e) {
        const refusal = publishRefusal(e);
        if (!refusal) throw e;
        deps.logger.warn({ menuVersion: id, errcode: refusal.errcode, reason: refusal.error.reason }, 'menu publish failed');
        const after = { id, reason: refusal.error.reason, ...(refusal.errcode !== undefined ? { errcode: refusal.errcode } : {}) };
        await writeAudit(deps.db, { staffId: me.id, action: 'menu.publish_failed', target: `wechat_menu:${id}`, before: auditView(before), after, at: deps.now() });
        throw refusal.error;
      }
      const now = deps.now();
      const published = await deps.db.transaction(async (tx) => {
        const [updated] = await tx.update(wechatMenus).set({ publishedAt: now, publishedBy: me.id }).where(eq(wechatMenus.id, id)).returning();
        await writeAudit(tx, { staffId: me.id, action: 'menu.publish', target: `wechat_menu:${id}`, before: auditView(before), after: auditView(updated), at: now });
        return updated!;
      });
      const [version] = await toVersions(deps.db, [published], published.id);
      return { version: version! };
    });
  } catch (e) {
    if (e instanceof LockTimeoutError) throw new AppError('conflict', '另一位管理员正在发布菜单，请稍后再试', { reason: 'publish_busy' });
    throw e;
  }
}
