import type { FlowDef } from '../flow-schema.js';
import type { Problem } from './problem.js';

/**
 * The names in a flow that only the runtime gives a meaning to, as the caller lists them (injected:
 * the engine knows no case kind and no database). A list that is absent is not checked.
 */
export interface KnownNames {
  /** what a submit node may submit (report, proposal …) */
  kinds?: readonly string[];
  /** the lookups the runtime answers (nearby_duplicates …) */
  lookups?: readonly string[];
  /** what a push may ask the resident, whose answer a flow may take (`triggers.followUp`: feedback …) */
  followUps?: readonly string[];
}

const list = (names: readonly string[]) => (names.length ? names.join(', ') : 'none');

/** goflow's missing_dependency: a submit of an unknown kind, a lookup nobody answers, a question no push asks. */
export function nameChecks(def: FlowDef, known: KnownNames): Omit<Problem, 'file'>[] {
  const found: Omit<Problem, 'file'>[] = [];
  const ask = def.triggers.followUp;
  if (ask !== undefined && known.followUps && !known.followUps.includes(ask))
    found.push({ message: `triggers.followUp: no push asks '${ask}' (known: ${list(known.followUps)})` });
  for (const [node, n] of Object.entries(def.nodes)) {
    if (n.type === 'submit' && known.kinds && !known.kinds.includes(n.kind))
      found.push({ node, message: `submits kind '${n.kind}', which the runtime does not know (known: ${list(known.kinds)})` });
    if (n.type === 'lookup' && known.lookups && !known.lookups.includes(n.name))
      found.push({ node, message: `looks up '${n.name}', which no runtime provider answers (known: ${list(known.lookups)})` });
  }
  return found;
}
