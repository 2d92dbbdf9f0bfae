import { normaliseText } from './normalise.js';

/** Longer than this is a story, not a statement of where one lives. */
const MAX_CHARS = 40;

/** what may come before the statement: 搬家了，/ 我搬家了 / 我们已经搬家啦 … */
const MOVED = /^(?:我们?|我家)?(?:已经|刚)?搬(?:家|走)了?[啦呀哦]?[\s,，。.!！~～、]*/u;

/** 我住在同乐 / 我现在住同乐社区 / 我家在同乐村 / 搬到同乐了 → the words for the place */
const LIVES = /^(?:我们?|我家|我们家)?(?:现在|目前|已经|现)?(?<verb>住在|住|家住|家在|是|搬到了?|搬去了?|搬进了?)(?<place>.+?)(?:的居民|的人|居民)?(?:了|啦|呀|哦|呢)?[\s,，。.!！~～]*$/u;

/**
 * A resident telling where they live (their own community, not a problem's place): the words that
 * name it, or undefined. 「我住在同乐」, 「搬家了，我现在住同乐社区」, 「我家在同乐村」. 「我住的楼下路灯坏了」
 * is not one: the words after 住 must be short (a place name), without another verb. `sure`: said
 * with 住 or 搬 (「我是同乐社区的」 counts only when the words name a community).
 */
export function parseHomeStatement(text: string): { place: string; sure: boolean } | undefined {
  const t = normaliseText(text).trim();
  if (!t || [...t].length > MAX_CHARS) return undefined;
  const rest = t.replace(MOVED, '');
  const m = LIVES.exec(rest);
  const place = m?.groups?.place?.trim();
  if (!place || [...place].length > 12 || /[坏修漏堵报]/u.test(place)) return undefined;
  return { place, sure: m?.groups?.verb !== '是' };
}
