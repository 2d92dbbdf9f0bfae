import { eq } from 'drizzle-orm';
import { kindModule, loadCase, proposalThemes, type CaseRow } from '../../civic/index.js';
import { cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { writeAudit } from '../audit.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { CaseThemeResponse } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { scopeHook } from './scope.js';

/**
 * 主题分类: a proposal's thematic category (config/proposal-themes.yaml), set or changed by staff,
 * the 报表 groups the year's figures by it. Only kinds with the theme feature take one.
 */

export const CASE_THEME_ACTION = 'case.theme';

export function caseTheme(row: CaseRow): CaseThemeResponse {
  const themes = proposalThemes();
  return { caseId: row.id, theme: row.theme, themeName: row.theme ? themes.nameOf(row.theme) : null, themes: [...themes.list] };
}

/**
 * Sets (or, with null, clears) the theme of a case, with its audit row (before/after) in the same
 * transaction; scope is checked on the case row inside it. The same theme again changes nothing.
 */
export function setCaseTheme(deps: ConsoleDeps, me: StaffPrincipal, caseId: number, theme: string | null): Promise<CaseThemeResponse> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const before = await loadCase(tx, caseId);
    await scopeHook(tx, me)(before);
    if (!kindModule(before.kind).features.theme) throw new AppError('bad_request', '这类事项没有主题分类', { reason: 'no_theme' });
    if (theme !== null && !proposalThemes().find(theme)) throw new AppError('bad_request', '没有这个主题分类', { reason: 'unknown_theme' });
    if (before.theme === theme) return caseTheme(before);
    const [row] = await tx.update(cases).set({ theme, updatedAt: now }).where(eq(cases.id, caseId)).returning();
    await writeAudit(tx, { staffId: me.id, action: CASE_THEME_ACTION, target: `case:${caseId}`, before: { theme: before.theme }, after: { theme }, at: now });
    return caseTheme(row!);
  });
}
