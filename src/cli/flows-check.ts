import path from 'node:path';
import { formatProblem } from '../engine/index.js';
import { loadRuntimeFlows } from '../runtime/flow-names.js';
import { checkTextFiles } from '../texts/registry.js';
import { formatTextProblem } from '../texts/text-spec.js';

/**
 * `npm run flows:check [dir]`: loads the flows as the service does at boot (checked against the
 * runtime's kinds, lookups and follow-up questions) and prints each
 * problem as `file: node: message`; then every text file TypeScript reads (src/texts/registry.ts),
 * each problem as `file: key: message`. Exits 1 when there is any.
 */
const dir = path.resolve(process.argv[2] ?? 'flows');
const rel = (f: string) => path.relative(process.cwd(), f) || f;
const { flows, problems } = loadRuntimeFlows(dir);
for (const p of problems) console.error(formatProblem({ ...p, file: rel(p.file) }));

let textProblems = 0;
for (const { name, problems: found } of checkTextFiles(dir)) {
  for (const p of found) console.error(formatTextProblem(p));
  textProblems += found.length;
  if (!found.length) console.log(`ok ${name}`);
}

const count = problems.length + textProblems;
if (count > 0) {
  console.error(`${count} problem${count === 1 ? '' : 's'} in ${rel(dir)}`);
  process.exit(1);
}
for (const flow of flows.values()) {
  console.log(`ok ${flow.id} (${flow.name}): ${Object.keys(flow.nodes).length} nodes, keywords ${flow.triggers.keywords.join(' ')}`);
}
