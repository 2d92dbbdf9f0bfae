import path from 'node:path';
import { formatProblem } from './loader/problem.js';
import { loadFlows } from './loader/load-flows.js';

/**
 * `npm run flows:check [dir]`: loads the flows as the service does at boot and prints each
 * problem as `file: node: message`. Exits 1 when there is any.
 */
const dir = path.resolve(process.argv[2] ?? 'flows');
const rel = (f: string) => path.relative(process.cwd(), f) || f;
const { flows, problems } = loadFlows(dir);
for (const p of problems) console.error(formatProblem({ ...p, file: rel(p.file) }));
if (problems.length > 0) {
  console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} in ${rel(dir)}`);
  process.exit(1);
}
for (const flow of flows.values()) {
  console.log(`ok ${flow.id} (${flow.name}): ${Object.keys(flow.nodes).length} nodes, keywords ${flow.triggers.keywords.join(' ')}`);
}
