/**
 * The one way the public pages build HTML: `html` escapes every interpolated value, `raw()` marks a
 * trusted fragment. Nested `html` results and arrays of them are inserted as they are; null,
 * undefined and false render as nothing. There is no other path from data to markup.
 */

const marker = Symbol('html');

/** a fragment of markup that is already safe to insert */
export interface Html {
  readonly [marker]: true;
  readonly value: string;
  toString(): string;
}

const make = (value: string): Html => ({ [marker]: true, value, toString: () => value });

export const isHtml = (v: unknown): v is Html => typeof v === 'object' && v !== null && marker in v;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** text → markup that shows exactly that text, in element content and in quoted attributes */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/** a value that is trusted markup (constants written in this folder, never data) */
export const raw = (markup: string): Html => make(markup);

export type Interpolation = Html | string | number | boolean | null | undefined | readonly Interpolation[];

function render(v: Interpolation): string {
  if (v === null || v === undefined || v === false) return '';
  if (isHtml(v)) return v.value;
  if (Array.isArray(v)) return (v as readonly Interpolation[]).map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return make(out);
}

/**
 * A text from flows/public.zh-CN.yaml with its {{placeholders}} filled: the text is escaped like any
 * string; each value is inserted as `html` inserts it (a string escaped, an Html fragment as it is),
 * so a placeholder can carry a link or a bold number built by the page.
 */
export function fillHtml(text: string, values: Readonly<Record<string, Interpolation>>): Html {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    const name = m[1]!;
    out += escapeHtml(text.slice(last, m.index)) + (Object.hasOwn(values, name) ? render(values[name]) : escapeHtml(m[0]));
    last = m.index + m[0].length;
  }
  return make(out + escapeHtml(text.slice(last)));
}
