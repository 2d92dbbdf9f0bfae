import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * The menu the resident's phone shows: the one last created through the fake API's menu/create,
 * else config/menu.yaml (what `npm run menu:apply` would create), else none. Read leniently: a
 * button the page cannot use is shown and does nothing, as on a phone with an old client.
 */
const leaf = z.object({
  type: z.string(),
  name: z.string(),
  key: z.string().optional(),
  url: z.string().optional(),
});
const button = leaf.partial({ type: true }).extend({ sub_button: z.array(leaf).optional() });
const menuView = z.object({ button: z.array(button).max(3) });

export type MenuView = z.infer<typeof menuView> & { source: 'api' | 'file' | 'none' };

export const defaultMenuFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../config/menu.yaml');

export function currentMenu(fromApi: unknown, file: string = defaultMenuFile): MenuView {
  const api = menuView.safeParse(fromApi);
  if (fromApi !== undefined && api.success) return { source: 'api', ...api.data };
  if (existsSync(file)) {
    try {
      const parsed = menuView.safeParse(parseYaml(readFileSync(file, 'utf8')));
      if (parsed.success) return { source: 'file', ...parsed.data };
    } catch {
      // an unreadable file shows no menu; `npm run menu:apply` names the problem
    }
  }
  return { source: 'none', button: [] };
}
