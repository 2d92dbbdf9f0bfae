import { isWord } from '../../engine/normalize.js';
import type { Flow } from '../../engine/flow-schema.js';
import { classifyIntent, type IntentResult } from '../../intent/classify.js';
import type { IntentModel } from '../../intent/intent-model.js';
import type { Json } from '../../engine/json.js';
import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/** shorter free text is not a description worth keeping (灯坏了 is asked for more) */
const MIN_SLOT_CHARS = 5;

/**
 * Free text that asks for a flow (flows/intents.yaml: 路灯坏了好几天 → report) starts it: the text
 * answers the flow's `triggers.intentSlot` question (its description). A sure topic answers its
 * category (the flow says so: 好的，帮您登记【路灯照明】问题); a less sure one offers the best
 * categories that matched as taps (topics.shortlist), none the whole list.
 */
export const freeTextIntent =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const raw = typedText(msg)?.raw;
    if (raw === undefined) return undefined;
    // the 点这里改 of an earlier reply, tapped when its flow is over: say what can be done instead
    if (isWord(raw, correctionWords(c.flows))) return [c.texts.changeOutsideFlow];
    const intent = classifyIntent(raw, c.intents);
    const flow = intent.flow ? c.flows.get(intent.flow) : undefined;
    if (!flow) return undefined;
    const { slots, params } = topicAnswer(intent, c.intents, flow.params);
    if (flow.triggers.intentSlot && raw.trim().length >= MIN_SLOT_CHARS) slots[flow.triggers.intentSlot] = raw.trim();
    return (await c.driver.start(flow, { type: 'intent', text: raw, slots, params }, turn)).texts;
  };

/** the category when it is sure, else the best guesses for the flow's shortlist param */
export function topicAnswer(intent: IntentResult, model: IntentModel, flowParams: readonly string[]): { slots: Record<string, Json>; params: Record<string, Json> } {
  const { slot, sure, shortlist, offer } = model.topics;
  const ranked = intent.categories ?? [];
  if (intent.flow !== model.topics.flow || ranked.length === 0) return { slots: {}, params: {} };
  if ((intent.categoryConfidence ?? 0) >= sure) return { slots: { [slot]: ranked[0]!.id }, params: {} };
  const guesses = ranked.map((r) => r.id).filter((id) => id !== model.fallbackCategory).slice(0, offer);
  if (!shortlist || !flowParams.includes(shortlist) || guesses.length === 0) return { slots: {}, params: {} };
  return { slots: {}, params: { [shortlist]: guesses } };
}

/** the words that change an understood answer (flows' `understood.words`): 改, 改类别 … */
function correctionWords(flows: ReadonlyMap<string, Flow>): string[] {
  return [...flows.values()].flatMap((f) => Object.values(f.nodes).flatMap((n) => (n.type === 'choice' && n.understood ? n.understood.words : [])));
}
