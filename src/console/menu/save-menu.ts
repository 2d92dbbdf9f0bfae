import type { z } from 'zod';
import { wechatMenus } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { writeAudit } from '../audit.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { menuSaveBodySchema, MenuVersion } from '../contract/menu.js';
import type { ConsoleDeps } from '../deps.js';
import { botVocabulary, clickKeyWarnings } from './bot-words.js';
import { checkMenu, problemsMessage } from './menu-check.js';
import { auditView, latestVersion, liveVersion, toVersions } from './menu-versions.js';

/**
 * 保存: a new version, checked by WeChat's rules (menuSchema; a 400 names each problem), kept beside
 * every earlier one. A click key the bot would not act on is a warning in the answer, not a refusal:
 * staff may be adding its keyword reply next.
 */
export async function saveMenu(
  deps: ConsoleDeps,
  me: StaffPrincipal,
  body: z.output<typeof menuSaveBodySchema>,
): Promise<{ version: MenuVersion; warnings: string[] }> {
  const checked = checkMenu(body.menu);
  if (!checked.ok) throw new AppError('bad_request', problemsMessage(checked.problems), { reason: 'invalid_menu' });
  const now = deps.now();
  const note = body.note?.trim() || null;
  const row = await deps.db.transaction(async (tx) => {
    const before = await latestVersion(tx);
    const [saved] = await tx.insert(wechatMenus).values({ menu: checked.menu, note, createdBy: me.id, createdAt: now }).returning();
    await writeAudit(tx, { staffId: me.id, action: 'menu.save', target: `wechat_menu:${saved!.id}`, before: auditView(before), after: auditView(saved), at: now });
    return saved!;
  });
  const [version] = await toVersions(deps.db, [row], (await liveVersion(deps.db))?.id);
  return { version: version!, warnings: clickKeyWarnings(version!.menu, await botVocabulary(deps.db)) };
}
