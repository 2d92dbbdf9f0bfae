import { desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { wechatMenus } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { wechatMenuSchema, type MenuVersion, type WechatMenu } from '../contract/menu.js';
import { isoOrNull } from '../http.js';
import { staffNames } from '../staff.js';

/**
 * 自定义菜单 versions (wechat_menus): every save is a row, none is ever changed but for the time
 * and person of its last publishing. The newest published row is the menu residents see.
 */
export type MenuRow = typeof wechatMenus.$inferSelect;

/** how many versions the console lists */
export const HISTORY_SIZE = 50;

export async function listVersions(db: Db, limit = HISTORY_SIZE): Promise<MenuRow[]> {
  return db.select().from(wechatMenus).orderBy(desc(wechatMenus.id)).limit(limit);
}

export async function latestVersion(db: Db): Promise<MenuRow | undefined> {
  return (await listVersions(db, 1))[0];
}

export async function liveVersion(db: Db): Promise<MenuRow | undefined> {
  const [row] = await db
    .select()
    .from(wechatMenus)
    .where(isNotNull(wechatMenus.publishedAt))
    .orderBy(desc(wechatMenus.publishedAt), desc(wechatMenus.id))
    .limit(1);
  return row;
}

export async function loadVersion(db: Db, id: number): Promise<MenuRow> {
  const [row] = await db.select().from(wechatMenus).where(eq(wechatMenus.id, id));
  if (!row) throw new AppError('not_found', '没有这个菜单版本', { reason: 'unknown_menu_version' });
  return row;
}

/** the stored JSON, read back through zod; a row that is not a menu shows as an empty one */
export function menuOf(row: MenuRow): WechatMenu {
  const r = wechatMenuSchema.safeParse(row.menu);
  return r.success ? r.data : { button: [] };
}

/** rows as the console shows them, with the names of who saved and published */
export async function toVersions(db: Db, rows: readonly MenuRow[], liveId: number | undefined): Promise<MenuVersion[]> {
  const names = await staffNames(db, rows.flatMap((r) => [r.createdBy, r.publishedBy].filter((n): n is number => n !== null)));
  const name = (id: number | null) => (id === null ? null : (names.get(id) ?? `#${id}`));
  return rows.map((r) => ({
    id: r.id,
    menu: menuOf(r),
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    createdBy: name(r.createdBy),
    publishedAt: isoOrNull(r.publishedAt),
    publishedBy: name(r.publishedBy),
    live: r.id === liveId,
  }));
}

/** what the audit log keeps of a version */
export const auditView = (row: MenuRow | undefined) =>
  row ? { id: row.id, note: row.note, menu: row.menu, publishedAt: row.publishedAt } : null;
