/**
 * Text folding shared by the command parser and the intent classifier.
 *
 * NFKC folds what phones type in full width: `１２３` → `123`, `ＨＥＬＰ` → `HELP`, `？` → `?`,
 * `＃` → `#`, `：` → `:`, the ideographic space → a space. WeChat sends its built-in emoticons
 * as text (`[微笑]`, `[抱拳]`), and phones add emoji; both carry no meaning here.
 */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
/** `[微笑]`-style WeChat emoticons: a short bracketed word with no digits (`[123]` is kept). */
const WECHAT_EMOTICON = /\[[^[\]\d\s]{1,6}\]/g;
const EMOJI = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u{FE0F}]/gu;

/** NFKC, lower case, emoticons and emoji removed, runs of white space collapsed, trimmed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(ZERO_WIDTH, '')
    .replace(WECHAT_EMOTICON, ' ')
    .replace(EMOJI, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** normaliseText, then every space, punctuation mark and symbol removed: the form lexicons match. */
export function compactText(text: string): string {
  return normaliseText(text).replace(/[\s\p{P}\p{S}]+/gu, '');
}
