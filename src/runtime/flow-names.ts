import { ASKS } from '../civic/kinds/asks.js';
import { CASE_KINDS } from '../civic/kinds/names.js';
import { statusesAsking } from '../civic/kinds/registry.js';
import type { Flow } from '../engine/flow-schema.js';
import type { KnownNames, Problem } from '../engine/index.js';
import { loadFlows, type LoadOptions } from '../flows/load-flows.js';
import { lookupProviders } from './lookups/index.js';
import { ANSWER_KINDS } from './submitters/index.js';

/** the param a follow-up flow gets: the case the push asked about */
export const FOLLOW_UP_PARAM = 'caseId';

/** what the bot itself may ask about a case, besides what pushes ask: 补充到 #N？ (a photo just after filing), the reason of 异议 N, the answer to 满意 N (满意度调查) */
export const BOT_ASKS = ['add_photo', 'objection', 'survey'] as const;

/**
 * The names a flow may use that the runtime gives a meaning to: the kinds a submit node may submit
 * (every case kind: a case is filed; every kind of answer: a verdict, a score — see
 * runtime/submitters), the lookups it answers, and the questions a follow-up flow may answer (what
 * the kinds' statuses ask, civic/kinds/asks.ts).
 */
export const knownFlowNames = (caseKinds: readonly string[] = CASE_KINDS): KnownNames => ({
  kinds: [...caseKinds, ...ANSWER_KINDS],
  lookups: Object.keys(lookupProviders),
  followUps: [...ASKS, ...BOT_ASKS],
});

/** a question some kind's push asks needs a flow that takes the answer, with the case as its param */
export function followUpProblems(flows: ReadonlyMap<string, Flow>, dir: string): Problem[] {
  const problems: Problem[] = [];
  for (const ask of ASKS) {
    if (statusesAsking(ask).length === 0) continue;
    const flow = [...flows.values()].find((f) => f.triggers.followUp === ask);
    if (!flow) problems.push({ file: dir, message: `a push asks '${ask}' (a status with asks: ${ask}), but no flow says triggers.followUp: ${ask}` });
    else if (!flow.params.includes(FOLLOW_UP_PARAM)) problems.push({ file: `${dir}/${flow.id}.yaml`, message: `a follow-up flow needs the param '${FOLLOW_UP_PARAM}' (the case the push asked about)` });
  }
  return problems;
}

/** The flows as boot and flows:check load them: checked against the runtime's names, and every question a push asks answered. */
export function loadRuntimeFlows(dir: string, options: Omit<LoadOptions, 'known'> = {}): ReturnType<typeof loadFlows> {
  const loaded = loadFlows(dir, { ...options, known: knownFlowNames() });
  return { ...loaded, problems: [...loaded.problems, ...(loaded.problems.length ? [] : followUpProblems(loaded.flows, dir))] };
}
