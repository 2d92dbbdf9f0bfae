import { classifyIntent } from '../../intent/classify.js';
import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/** a clear topic answers the flow's topic question (the report's category) */
const CLEAR = 0.5;
/** shorter free text is not a description worth keeping (灯坏了 is asked for more) */
const MIN_SLOT_CHARS = 5;

/**
 * Free text that asks for a flow (flows/intents.yaml: 路灯坏了好几天 → report) starts it: the text
 * answers the flow's `triggers.intentSlot` question (its description), a clear topic its category.
 */
export const freeTextIntent =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const raw = typedText(msg)?.raw;
    if (raw === undefined) return undefined;
    const intent = classifyIntent(raw, c.intents);
    const flow = intent.flow ? c.flows.get(intent.flow) : undefined;
    if (!flow) return undefined;
    const slots: Record<string, string> = {};
    if (intent.category && intent.confidence >= CLEAR) slots[c.intents.topics.slot] = intent.category;
    if (flow.triggers.intentSlot && raw.trim().length >= MIN_SLOT_CHARS) slots[flow.triggers.intentSlot] = raw.trim();
    return (await c.driver.start(flow, { type: 'intent', text: raw, slots }, turn)).texts;
  };
