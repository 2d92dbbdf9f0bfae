import type { Db } from '../../db/client.js';
import { wechatMenus } from '../../db/schema.js';
import type { Menu } from '../../wechat/api/menu.js';
import { writeAudit } from '../audit.js';
import { auditView } from './menu-versions.js';

/**
 * `npm run menu:apply` replaced the menu WeChat holds: it becomes a published version of its own
 * (no staff member; the file named in the note), so the console's 公众号菜单 page keeps showing
 * the menu residents really see, and the audit log says when the file went out.
 */
export async function recordAppliedMenu(db: Db, menu: Menu, file: string, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(wechatMenus)
      .values({ menu: menu as unknown as Record<string, unknown>, note: `npm run menu:apply ${file}`, createdAt: now, publishedAt: now })
      .returning();
    await writeAudit(tx, { staffId: null, action: 'menu.apply', target: `wechat_menu:${row!.id}`, after: auditView(row), at: now });
    return row!.id;
  });
}
