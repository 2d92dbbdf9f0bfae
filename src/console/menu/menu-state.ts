import type { z } from 'zod';
import type { menuStateResponseSchema } from '../contract/menu.js';
import type { ConsoleDeps } from '../deps.js';
import { botVocabulary, clickKeyWarnings } from './bot-words.js';
import { bootstrapMenu } from './menu-file.js';
import { listVersions, liveVersion, toVersions } from './menu-versions.js';

/**
 * The menu page's state: the working draft (the newest saved version, or config/menu.yaml while
 * nothing is saved), the version residents see, the history, and the words click buttons may send.
 */
export async function menuState(deps: ConsoleDeps): Promise<z.infer<typeof menuStateResponseSchema>> {
  const [rows, live, vocab] = await Promise.all([listVersions(deps.db), liveVersion(deps.db), botVocabulary(deps.db)]);
  // the live version may be older than the history shows
  const extra = live && !rows.some((r) => r.id === live.id) ? [live] : [];
  const versions = await toVersions(deps.db, [...rows, ...extra], live?.id);
  const history = versions.slice(0, rows.length);
  const published = versions.find((v) => v.live) ?? null;
  const newest = history[0];
  const file = newest ? null : bootstrapMenu();
  const menu = newest?.menu ?? file?.menu ?? { button: [] };
  return {
    draft: {
      source: newest ? 'saved' : 'file',
      version: newest ?? null,
      menu,
      fileProblem: file?.problem ?? null,
      warnings: clickKeyWarnings(menu, vocab),
    },
    published,
    history,
    words: vocab.words,
    canPublish: deps.api() !== undefined,
  };
}
