import { z } from 'zod';

const han = /\p{Script=Han}/u;

/** True when the text contains Chinese characters: every text a resident reads must. */
export const hasChinese = (s: string): boolean => han.test(s);

/**
 * A text residents read: a zh-CN string, or `{ zh-CN: …, en: … }` for later translations. Read as
 * the zh-CN string; a text without Chinese characters is rejected (a forgotten translation).
 */
export const zhText = z
  .union([z.string(), z.object({ 'zh-CN': z.string() }).catchall(z.string())], {
    error: (issue) => (issue.input === undefined ? 'zh-CN text is missing' : 'expected a zh-CN text'),
  })
  .transform((v) => (typeof v === 'string' ? v : v['zh-CN']).trim())
  .pipe(z.string().min(1, 'zh-CN text is empty').refine(hasChinese, 'needs zh-CN text (no Chinese characters found)'));
