import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/**
 * Texts kept in flows/*.zh-CN.yaml and read by TypeScript through a spec: a tree whose leaves are
 * the {{placeholders}} a text must use, e.g. `{ errors: { notFound: ['number'] } }`. The spec
 * builds the zod schema, so every key is required, no key is unknown, no text is empty, and each
 * text uses exactly its placeholders (an unknown one, or a missing one, is an error). A name ending
 * in `?` is one the text may use but need not (`['number?']`: the code passes the value, the words
 * decide). Problems name the file and the key:
 * `flows/civic.zh-CN.yaml: errors.notFound: lacks placeholder {{number}}`.
 */
export interface TextSpec {
  readonly [key: string]: TextSpec | readonly string[];
}

/** the loaded texts of a spec: the same tree with a string at each leaf */
export type TextsOf<S> = { readonly [K in keyof S]: S[K] extends readonly string[] ? string : TextsOf<S[K]> };

/** a section whose keys are `keys`, each a text without placeholders */
export const plain = <const K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, []])) as unknown as { readonly [P in K]: readonly [] };

export const flowsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../flows');

/** one thing wrong with a text file, printed as `file: key: message` (as flows:check prints flows) */
export interface TextProblem {
  file: string;
  key: string;
  message: string;
}

export const formatTextProblem = (p: TextProblem): string => `${p.file}: ${p.key}: ${p.message}`;

/**
 * What a spec cannot say about the loaded texts (a template field's 20 characters …): each finding
 * names its key, and is a problem like the spec's own.
 */
export type TextRefine<S extends TextSpec> = (texts: TextsOf<S>) => ReadonlyArray<{ key: string; message: string }>;

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;
/** `{name}` (one brace): a placeholder written the wrong way */
const SINGLE_BRACE = /(?<!\{)\{\s*\w+\s*\}(?!\})/;

export const placeholdersOf = (text: string): string[] => [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);

function leafSchema(spec: readonly string[]) {
  const names = spec.map((n) => n.replace(/\?$/, ''));
  const required = spec.filter((n) => !n.endsWith('?'));
  return z
    .string({ error: (i) => (i.input === undefined ? 'text is missing' : 'expected a text') })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, 'text is empty'))
    .superRefine((s, ctx) => {
      const used = placeholdersOf(s);
      const unknown = [...new Set(used.filter((u) => !names.includes(u)))];
      if (unknown.length)
        ctx.addIssue({
          code: 'custom',
          message: `unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(', ')}${names.length ? ` (this text may use ${names.map((n) => `{{${n}}}`).join(', ')})` : ' (this text takes none)'}`,
        });
      const missing = required.filter((n) => !used.includes(n));
      if (missing.length) ctx.addIssue({ code: 'custom', message: `lacks placeholder ${missing.map((n) => `{{${n}}}`).join(', ')}` });
      if (SINGLE_BRACE.test(s.replace(PLACEHOLDER, ''))) ctx.addIssue({ code: 'custom', message: 'a placeholder is written {{name}}, with two braces' });
    });
}

function schemaOf(spec: TextSpec): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(spec)) shape[k] = Array.isArray(v) ? leafSchema(v as readonly string[]) : schemaOf(v as TextSpec);
  return z.object(shape, { error: (i) => (i.input === undefined ? 'section is missing' : 'expected a section of texts') }).strict();
}

/** checks parsed YAML against a spec (and `refine`): the texts, or every problem with its key */
export function parseTexts<S extends TextSpec>(spec: S, raw: unknown, file: string, refine?: TextRefine<S>): { texts?: TextsOf<S>; problems: TextProblem[] } {
  const r = schemaOf(spec).safeParse(raw ?? {});
  if (r.success) {
    const texts = r.data as TextsOf<S>;
    const found = refine?.(texts).map((f) => ({ file, ...f })) ?? [];
    return found.length ? { problems: found } : { texts, problems: [] };
  }
  const problems: TextProblem[] = [];
  for (const issue of r.error.issues) {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys')
      for (const k of issue.keys) problems.push({ file, key: [...at, k].join('.'), message: 'unknown key (not in the spec: a typo, or a text no longer used)' });
    else problems.push({ file, key: at.join('.') || '-', message: issue.message });
  }
  return { problems };
}

/** reads and checks a text file; problems instead of an exception (for flows:check) */
export function checkTextFile<S extends TextSpec>(spec: S, file: string, refine?: TextRefine<S>): { texts?: TextsOf<S>; problems: TextProblem[] } {
  const rel = path.relative(process.cwd(), file) || file;
  if (!existsSync(file)) return { problems: [{ file: rel, key: '-', message: 'file not found' }] };
  let raw: unknown;
  try {
    raw = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return { problems: [{ file: rel, key: '-', message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  return parseTexts(spec, raw, rel, refine);
}

/** reads a text file at startup; any problem stops the start, naming the file and the key */
export function loadTextFile<S extends TextSpec>(spec: S, file: string, refine?: TextRefine<S>): TextsOf<S> {
  const { texts, problems } = checkTextFile(spec, file, refine);
  if (!texts) throw new Error(`texts not loaded:\n${problems.map(formatTextProblem).join('\n')}`);
  return texts;
}

/** fills {{name}} placeholders (the checks above guarantee the text uses exactly its names) */
export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(PLACEHOLDER, (m, k: string) => (Object.hasOwn(values, k) ? String(values[k]) : m));
}
