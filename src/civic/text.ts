/** Small text helpers for what residents read: excerpts and masking. */

/** at most `max` characters (code points), with … when cut; newlines folded to spaces */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length <= max ? flat : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** mainland mobile numbers typed into a description are shown as 138****1234 on public pages */
export function maskPhones(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g, '$1****$3');
}

/**
 * Characters that change how text is shown without being seen: bidi embeddings, overrides and
 * isolates (U+202A–202E, U+2066–2069), the direction marks (U+200E/F, U+061C), zero-width space,
 * joiners (U+200B–200D), word joiner (U+2060) and the byte-order mark (U+FEFF). An RTL override
 * makes 87654321831 read as 13812345678 past the phone masking; a zero-width space splits a number
 * or a link so no rule sees it. None belongs in a report, so they are dropped before anything is stored.
 */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** every string inside a parsed-JSON-like value with stripInvisible applied (objects and arrays copied) */
export function stripInvisibleDeep<T>(value: T): T {
  if (typeof value === 'string') return stripInvisible(value) as T;
  if (Array.isArray(value)) return value.map((v) => stripInvisibleDeep(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripInvisibleDeep(v)])) as T;
  return value;
}

/**
 * A resident's text as the bot shows it to someone else (a duplicate prompt, 查询, 公示, 认领, a push):
 * WeChat renders `<a href>` in a text message as a live link and turns URLs and bare domains into
 * links by itself, so one resident could hand others a link in the account's own voice. Here:
 * - `<`, `>` and `&` become their full-width forms ＜ ＞ ＆: markup reads as the plain text it is;
 * - `://` becomes `[:]//` and every dot of a host name (a run of ASCII labels ending in a label of
 *   two or more letters, like evil.example or www.x.cn, or an IPv4 address) becomes `[.]`, the
 *   usual "defanged" form: still readable, never linked by WeChat, iOS or Android, because `[` and
 *   `]` cannot occur in a host name.
 * Decimal numbers (3.5米), versions (v2.0), abbreviations (e.g) stay as they are.
 */
export function neutralise(text: string): string {
  return stripInvisible(text)
    .replace(/[<>&]/g, (c) => FULL_WIDTH[c]!)
    .replace(/:\/\//g, '[:]//')
    .replace(HOST, (host) => host.replaceAll('.', '[.]'));
}

const FULL_WIDTH: Record<string, string> = { '<': '＜', '>': '＞', '&': '＆' };

/** a host name (labels of ASCII letters, digits and hyphens, the last one 2+ letters) or an IPv4 address */
const HOST = /[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])|(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])/g;
