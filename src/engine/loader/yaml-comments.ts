import { isPair, isScalar, visit, type Document } from 'yaml';
import type { Problem } from './problem.js';

/**
 * `message: 已为您关注 #{{id}}` silently loses everything from ` #` on: YAML reads it as a comment.
 * A comment glued to its `#` (no space after it) on the same line as a text is almost always such an
 * accident; report it so the text gets quoted.
 */
export function commentAccidents(file: string, doc: Document): Problem[] {
  const found: Problem[] = [];
  visit(doc, {
    Pair(_key, pair, path) {
      const value = pair.value;
      if (!isScalar(value) || typeof value.value !== 'string' || !value.comment || /^\s/.test(value.comment)) return;
      const keys = [...path, pair].filter(isPair).map((p) => String(isScalar(p.key) ? p.key.value : p.key));
      const node = keys[0] === 'nodes' ? keys[1] : undefined;
      found.push({
        file,
        ...(node ? { node } : {}),
        message: `${keys.at(-1)}: "${value.value} #${value.comment}" is cut at " #" (YAML reads a comment): put the text in quotes`,
      });
    },
  });
  return found;
}
