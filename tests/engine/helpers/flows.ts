import { fileURLToPath } from 'node:url';
import { compileFlows, type Flow } from '../../../src/engine/index.js';
import { loadFlows } from '../../../src/flows/load-flows.js';

const flowsDir = fileURLToPath(new URL('../../../flows', import.meta.url));

/** The real flows (report, proposal) as the service loads them. */
export function realFlows(): Map<string, Flow> {
  const { flows, problems } = loadFlows(flowsDir);
  if (problems.length > 0) throw new Error(`flows have problems: ${JSON.stringify(problems)}`);
  return flows;
}

/** A test flow from YAML text, with the real locale and categories; throws on problems. */
export function flowFromYaml(text: string): Flow {
  const report = realFlows().get('report')!;
  const { flows, problems } = compileFlows([{ file: 'test.yaml', text }], { locale: report.locale, categories: [] });
  if (problems.length > 0) throw new Error(`test flow has problems: ${JSON.stringify(problems)}`);
  return [...flows.values()][0]!;
}
