import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { Menu } from '../../wechat/api/menu.js';
import { checkMenu, problemsMessage } from './menu-check.js';

/** config/menu.yaml: what `npm run menu:apply` creates, and the console's draft until a version is saved */
export const MENU_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config/menu.yaml');

/**
 * The bootstrap menu, or why it cannot be used. The file is the operator's: a missing or broken one
 * is said in the answer, never a 500, and the path on the server is not.
 */
export function bootstrapMenu(file = MENU_FILE): { menu: Menu | null; problem: string | null } {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
    return { menu: null, problem: missing ? 'config/menu.yaml 不存在' : 'config/menu.yaml 不是有效的 YAML' };
  }
  const checked = checkMenu(raw);
  return checked.ok ? { menu: checked.menu, problem: null } : { menu: null, problem: `config/menu.yaml ${problemsMessage(checked.problems)}` };
}
