/**
 * Half of a surrogate pair (a cut emoji) as U+FFFD. JSON can carry one (`"\ud83d"` alone), text
 * columns would quietly store U+FFFD, but PostgreSQL's jsonb refuses it outright (22P02): a
 * resident's message or a staff member's note with one would fail wherever it travels as jsonb.
 */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const anySurrogate = /[\uD800-\uDFFF]/;

export function wellFormed(s: string): string {
  return anySurrogate.test(s) ? s.replace(loneSurrogate, '\uFFFD') : s;
}

/** a parsed JSON value with every string, keys included, well formed */
export function wellFormedDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => wellFormedDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k), wellFormedDeep(v, depth + 1)]));
}
