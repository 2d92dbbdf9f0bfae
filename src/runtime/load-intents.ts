import path from 'node:path';
import type { Flow } from '../engine/flow-schema.js';
import { slotOf } from '../engine/node-kind.js';
import { loadIntentModel, type IntentModel } from '../intent/intent-model.js';

/**
 * flows/intents.yaml, checked against the loaded flows: its cues point to flows free text may start
 * (keyed by flow id), and its topics answer a choice question of their flow (the report's category).
 * A mismatch stops the start, as a flow problem does.
 */
export function loadIntents(dir: string, flows: ReadonlyMap<string, Flow>, knownCategories: readonly string[]): IntentModel {
  // a follow-up flow answers a push's question about a case: free text cannot start it
  const startable = [...flows.values()].filter((f) => !f.triggers.followUp).map((f) => f.id);
  const model = loadIntentModel(path.join(dir, 'intents.yaml'), { knownCategories, knownFlows: startable });
  const { flow, slot } = model.topics;
  const asked = Object.entries(flows.get(flow)?.nodes ?? {}).some(([id, n]) => n.type === 'choice' && slotOf(n, id) === slot);
  if (!asked) throw new Error(`intents: topics.slot '${slot}' is not a choice question of flow '${flow}'`);
  const { shortlist } = model.topics;
  if (shortlist !== undefined && !flows.get(flow)?.params.includes(shortlist))
    throw new Error(`intents: topics.shortlist '${shortlist}' is not a param of flow '${flow}'`);
  return model;
}
