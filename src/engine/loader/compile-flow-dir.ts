import { parse } from 'yaml';
import { localeSchema, type Locale } from '../locale.js';
import { categoriesFileSchema, type Category } from './categories.js';
import { compileFlows, issueProblems, type Compiled, type FlowFile } from './compile-flows.js';
import type { KnownNames } from './name-checks.js';
import type { Problem } from './problem.js';

/** a file of the flows directory as read by the caller; no text = the file is not there */
export interface SourceFile {
  file: string;
  text?: string;
}

/** what the caller read from a flows directory (src/flows/load-flows.ts reads it from disk) */
export interface FlowDir {
  /** locale.zh-CN.yaml: the generic texts every flow shares */
  locale: SourceFile;
  /** categories.yaml: the report categories `source: categories` fills in */
  categories: SourceFile;
  /** every other YAML file; those without a flow's top-level keys (intents …) are skipped */
  others: readonly FlowFile[];
}

/** A YAML file is a flow when it has a flow's top-level keys; other data files (categories, intents …) are not. */
const isFlowFile = (raw: unknown): boolean =>
  !!raw && typeof raw === 'object' && !Array.isArray(raw) && ['nodes', 'spec', 'start'].some((k) => k in raw);

function readYaml({ file, text }: SourceFile, problems: Problem[]): unknown {
  if (text === undefined) {
    problems.push({ file, message: 'file not found' });
    return undefined;
  }
  try {
    return parse(text);
  } catch (e) {
    problems.push({ file, message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` });
    return undefined;
  }
}

/**
 * Compiles a flows directory (pure: the caller reads the files): every flow with the shared locale
 * and categories, validated by the zod schemas and the graph rules, and, when `known` is given, the
 * names a flow uses (kinds, lookups, follow-up questions) against the ones the runtime knows. The service refuses to start
 * when `problems` is not empty; `npm run flows:check` prints them.
 */
export function compileFlowDir(dir: FlowDir, known?: KnownNames): Compiled & { locale?: Locale } {
  const problems: Problem[] = [];
  const localeRaw = readYaml(dir.locale, problems);
  const locale = localeRaw === undefined ? undefined : localeSchema.safeParse(localeRaw);
  if (locale && !locale.success) problems.push(...issueProblems(dir.locale.file, locale.error.issues));

  let categories: Category[] = [];
  const categoriesRaw = readYaml(dir.categories, problems);
  if (categoriesRaw !== undefined) {
    const r = categoriesFileSchema.safeParse(categoriesRaw);
    if (r.success) categories = r.data.categories;
    else problems.push(...issueProblems(dir.categories.file, r.error.issues));
  }

  const files = dir.others.filter(({ text }) => {
    let raw: unknown;
    try {
      raw = parse(text);
    } catch {
      raw = { nodes: null }; // let compileFlows report the YAML error
    }
    return isFlowFile(raw);
  });

  if (!locale?.success) return { flows: new Map(), problems };
  const compiled = compileFlows(files, { locale: locale.data, categories }, known);
  return { flows: compiled.flows, problems: [...problems, ...compiled.problems], locale: locale.data };
}
