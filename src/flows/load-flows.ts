import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileFlowDir, type Compiled, type KnownNames, type Locale, type SourceFile } from '../engine/index.js';

export interface LoadOptions {
  /** defaults to <dir>/locale.zh-CN.yaml */
  localeFile?: string;
  /** defaults to <dir>/categories.yaml */
  categoriesFile?: string;
  /** the kinds, lookups and follow-up questions the runtime knows: a flow naming another is a problem (unchecked when absent) */
  known?: KnownNames;
}

const read = (file: string): SourceFile => (existsSync(file) ? { file, text: readFileSync(file, 'utf8') } : { file });

/**
 * Loads every flow in `dir` (flows/*.yaml) with the shared locale and categories. Only the reading
 * is here; the engine compiles and checks what was read (compileFlowDir), so it stays free of file
 * I/O. Run at boot, by the console's menu editor and by `npm run flows:check`; the service refuses
 * to start when `problems` is not empty.
 */
export function loadFlows(dir: string, options: LoadOptions = {}): Compiled & { locale?: Locale } {
  const localeFile = options.localeFile ?? path.join(dir, 'locale.zh-CN.yaml');
  const categoriesFile = options.categoriesFile ?? path.join(dir, 'categories.yaml');
  const skip = new Set([path.resolve(localeFile), path.resolve(categoriesFile)]);
  const others = readdirSync(dir)
    .sort()
    .map((name) => path.join(dir, name))
    .filter((file) => /\.ya?ml$/.test(file) && !skip.has(path.resolve(file)))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  return compileFlowDir({ locale: read(localeFile), categories: read(categoriesFile), others }, options.known);
}
