/**
 * Half of a surrogate pair (a cut emoji) as U+FFFD. JSON can carry one (`"\ud83d"` alone), text
 * columns would quietly store U+FFFD, but PostgreSQL's jsonb refuses it outright (22P02): a
 * resident's message or a staff member's note with one would fail wherever it travels as jsonb.
 * The platform's own String.prototype.toWellFormed (Node 20) does the replacing.
 */
export function wellFormed(s: string): string {
  return s.toWellFormed();
}

/**
 * A parsed value (JSON, or XML as the webhook parses it) with `fix` applied to every string, keys
 * included; nesting deeper than 64 is left as it is (no message or form nests that deep).
 */
export function mapStringsDeep(value: unknown, fix: (s: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return fix(value);
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => mapStringsDeep(v, fix, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [fix(k), mapStringsDeep(v, fix, depth + 1)]));
}

/** a parsed JSON value with every string, keys included, well formed */
export const wellFormedDeep = (value: unknown): unknown => mapStringsDeep(value, wellFormed);
