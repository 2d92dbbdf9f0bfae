import path from 'node:path';
import { civicTextSpec } from '../civic/civic-texts.js';
import { kindsTextSpec } from '../civic/kinds/kind-texts.js';
import { checkTextFile, formatTextProblem, type TextProblem, type TextSpec } from '../texts/text-spec.js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ZodError } from 'zod';
import { parsePushTexts } from '../notify/push-config.js';
import { publicTextSpec } from '../public/public-texts.js';
import { formatTextSpec } from '../texts/format-texts.js';
import { loadBotTexts } from '../runtime/bot-texts.js';
import { loadRuntimeFlows } from '../runtime/flow-names.js';
import { formatProblem } from './loader/problem.js';

/**
 * `npm run flows:check [dir]`: loads the flows as the service does at boot and prints each
 * problem as `file: node: message`; then the text files TypeScript reads through a spec
 * (civic.zh-CN.yaml …), each problem as `file: key: message`. Exits 1 when there is any.
 */
const dir = path.resolve(process.argv[2] ?? 'flows');
const rel = (f: string) => path.relative(process.cwd(), f) || f;
const { flows, problems } = loadRuntimeFlows(dir);
for (const p of problems) console.error(formatProblem({ ...p, file: rel(p.file) }));

/** the texts the service loads at startup besides the flows' own */
const TEXT_FILES: ReadonlyArray<[string, TextSpec]> = [
  ['civic.zh-CN.yaml', civicTextSpec],
  ['kinds.zh-CN.yaml', kindsTextSpec],
  ['public.zh-CN.yaml', publicTextSpec],
  ['formats.zh-CN.yaml', formatTextSpec],
];
const textProblems: TextProblem[] = [];
for (const [name, spec] of TEXT_FILES) {
  const r = checkTextFile(spec, path.join(dir, name));
  for (const p of r.problems) console.error(formatTextProblem(p));
  textProblems.push(...r.problems);
  if (r.texts) console.log(`ok ${name}`);
}

/** the texts whose loaders throw (zod) rather than report: their issues, as `file: key: message` */
const LOADED: ReadonlyArray<[string, (file: string) => unknown]> = [
  ['bot.zh-CN.yaml', (file) => loadBotTexts(file)],
  ['push.zh-CN.yaml', (file) => parsePushTexts(parse(readFileSync(file, 'utf8')))],
];
for (const [name, load] of LOADED) {
  const file = path.join(dir, name);
  try {
    load(file);
    console.log(`ok ${name}`);
  } catch (e) {
    const found: TextProblem[] =
      e instanceof ZodError
        ? e.issues.map((i) => ({ file: rel(file), key: i.path.map(String).join('.') || '-', message: i.message }))
        : [{ file: rel(file), key: '-', message: (e as Error).message.split('\n')[0] ?? String(e) }];
    for (const p of found) console.error(formatTextProblem(p));
    textProblems.push(...found);
  }
}

const count = problems.length + textProblems.length;
if (count > 0) {
  console.error(`${count} problem${count === 1 ? '' : 's'} in ${rel(dir)}`);
  process.exit(1);
}
for (const flow of flows.values()) {
  console.log(`ok ${flow.id} (${flow.name}): ${Object.keys(flow.nodes).length} nodes, keywords ${flow.triggers.keywords.join(' ')}`);
}
