import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './env.js';

/** the file as an operator would name it: relative to where they started the process */
const shown = (file: string) => {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
};

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!.replace(/:$/, '');

/**
 * A settings file under config/ or flows/, read, parsed as YAML and checked by its schema. Each
 * way it can be wrong (unreadable, not YAML, not the expected shape) is a ConfigError naming the
 * file and the problem in one line, which stops the start without a stack (process-start.ts).
 */
export function readYamlFile<S extends z.ZodType>(file: string, schema: S, o: { emptyAs?: unknown } = {}): z.output<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError([`${shown(file)}: cannot be read (${firstLine(e)})`]);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new ConfigError([`${shown(file)}: not valid YAML: ${firstLine(e)}`]);
  }
  const r = schema.safeParse(raw ?? o.emptyAs);
  if (!r.success) throw new ConfigError([`${shown(file)}: ${r.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`]);
  return r.data;
}
