/**
 * How typed answers are compared: full-width forms folded (１ → 1, ＡＢ → ab), case ignored,
 * whitespace and surrounding punctuation dropped ("好了。" → "好了", " 1、" → "1").
 */
const edgePunct = /^[\p{P}\p{S}\s]+|[\p{P}\p{S}\s]+$/gu;

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').replace(edgePunct, '').replace(/\s+/g, '');
}

/** True when the whole answer is one of the words (after normalising both). */
export function isWord(text: string, words: readonly string[]): boolean {
  const t = normalize(text);
  return t.length > 0 && words.some((w) => normalize(w) === t);
}

/** Number of characters as a resident counts them (code points, so an emoji is one). */
export const charCount = (s: string): number => [...s].length;
