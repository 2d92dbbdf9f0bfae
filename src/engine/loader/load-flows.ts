import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { localeSchema, type Locale } from '../locale.js';
import { categoriesFileSchema, type Category } from './categories.js';
import { compileFlows, issueProblems, type Compiled, type FlowFile } from './compile-flows.js';
import type { KnownNames } from './name-checks.js';
import type { Problem } from './problem.js';

export interface LoadOptions {
  /** defaults to <dir>/locale.zh-CN.yaml */
  localeFile?: string;
  /** defaults to <dir>/categories.yaml */
  categoriesFile?: string;
  /** the kinds and lookups the runtime knows: a flow naming another is a problem (unchecked when absent) */
  known?: KnownNames;
}

/** A YAML file is a flow when it has a flow's top-level keys; other data files (categories, intents …) are not. */
const isFlowFile = (raw: unknown): boolean =>
  !!raw && typeof raw === 'object' && !Array.isArray(raw) && ['nodes', 'spec', 'start'].some((k) => k in raw);

function readYaml(file: string, problems: Problem[]): unknown {
  if (!existsSync(file)) {
    problems.push({ file, message: 'file not found' });
    return undefined;
  }
  try {
    return parse(readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push({ file, message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` });
    return undefined;
  }
}

/**
 * Loads every flow in `dir` (flows/*.yaml) with the shared locale and categories, validated by the
 * zod schemas and the graph rules. Run at boot and by `npm run flows:check`; the service should
 * refuse to start when `problems` is not empty.
 */
export function loadFlows(dir: string, options: LoadOptions = {}): Compiled & { locale?: Locale } {
  const problems: Problem[] = [];
  const localeFile = options.localeFile ?? path.join(dir, 'locale.zh-CN.yaml');
  const categoriesFile = options.categoriesFile ?? path.join(dir, 'categories.yaml');

  const localeRaw = readYaml(localeFile, problems);
  const locale = localeRaw === undefined ? undefined : localeSchema.safeParse(localeRaw);
  if (locale && !locale.success) problems.push(...issueProblems(localeFile, locale.error.issues));

  let categories: Category[] = [];
  const categoriesRaw = readYaml(categoriesFile, problems);
  if (categoriesRaw !== undefined) {
    const r = categoriesFileSchema.safeParse(categoriesRaw);
    if (r.success) categories = r.data.categories;
    else problems.push(...issueProblems(categoriesFile, r.error.issues));
  }

  const files: FlowFile[] = [];
  const skip = new Set([path.resolve(localeFile), path.resolve(categoriesFile)]);
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (!/\.ya?ml$/.test(name) || skip.has(path.resolve(file))) continue;
    const text = readFileSync(file, 'utf8');
    let raw: unknown;
    try {
      raw = parse(text);
    } catch {
      raw = { nodes: null }; // let compileFlows report the YAML error
    }
    if (isFlowFile(raw)) files.push({ file, text });
  }

  if (!locale?.success) return { flows: new Map(), problems };
  const compiled = compileFlows(files, { locale: locale.data, categories }, options.known);
  return { flows: compiled.flows, problems: [...problems, ...compiled.problems], locale: locale.data };
}
