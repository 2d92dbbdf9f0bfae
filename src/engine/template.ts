import type { Json } from './json.js';

/**
 * The tiny template language of flow texts: `{{slot}}` or a path into a slot, `{{duplicates.0.title}}`.
 * No expressions, no filters: what a placeholder shows is decided by the node kind that set the slot.
 */
const placeholder = /\{\{\s*([A-Za-z_][\w]*(?:\.[\w]+)*)\s*\}\}/g;

export function render(template: string, resolve: (path: string) => string | undefined): string {
  return template.replace(placeholder, (_, path: string) => resolve(path) ?? '');
}

/** Fills a locale text's named values ({{n}}, {{flow}} …). */
export function fill(template: string, values: Record<string, string | number>): string {
  return render(template, (name) => (name in values ? String(values[name]) : undefined));
}

/** The placeholders a template uses, e.g. ['category', 'duplicates.0.title']. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(placeholder)].map((m) => m[1] ?? '');
}

/** Follows a dotted path into a JSON value; undefined when any step is missing. */
export function getPath(value: Json | undefined, path: readonly string[]): Json | undefined {
  let cur: Json | undefined = value;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = Array.isArray(cur) ? cur[Number(key)] : cur[key];
  }
  return cur;
}
