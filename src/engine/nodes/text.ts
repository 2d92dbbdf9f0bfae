import { z } from 'zod';
import type { NodeKind } from '../node-kind.js';
import { charCount } from '../normalize.js';
import { fill } from '../template.js';
import { askFields, invalid, isSkip, optionalField } from './base.js';
import { pendingHeard, readBackAnswer, voiceAnswer } from './text-voice.js';

/**
 * `text`: a typed answer between minLength and maxLength characters (trimmed). Too short → the
 * node's hint (or 内容太短了…); too long → 内容太长了…. A voice message answers it too (text-voice.ts).
 *
 * ```yaml
 * description:
 *   type: text
 *   prompt: 请简单描述一下问题，比如：3栋门口的路灯晚上不亮。
 *   minLength: 5
 *   maxLength: 500
 *   next: location
 * ```
 */
export const textNode = z.object({
  type: z.literal('text'),
  ...askFields,
  ...optionalField,
  minLength: z.number().int().min(1).default(1),
  maxLength: z.number().int().min(1).max(2000).default(500),
});

export type TextNode = z.infer<typeof textNode>;

const SUMMARY_CHARS = 80;

export const textKind: NodeKind<TextNode> = {
  type: 'text',
  asks: true,
  setsSlot: true,
  prompt: (node, s) => s.render(node.prompt),
  accept(node, input, s) {
    const heard = pendingHeard(s);
    const said = heard === undefined ? undefined : readBackAnswer(input, s);
    if (said === 'no') return { type: 'stay', value: null, reply: s.t.texts.voiceAgain };
    if (isSkip(node, input, s)) return { type: 'answer', value: null };
    if (input.type === 'voice') return voiceAnswer(input, s);
    if (input.type !== 'text') return invalid(node, s, 'text', input);
    const text = said === 'yes' && heard !== undefined ? heard : input.text.trim();
    const n = charCount(text);
    if (n > node.maxLength) return { type: 'invalid', hint: fill(s.t.texts.tooLong, { max: node.maxLength }) };
    if (n < node.minLength) return { type: 'invalid', hint: node.hint ?? fill(s.t.texts.tooShort, { min: node.minLength }) };
    return { type: 'answer', value: text };
  },
  /** a prefilled answer (the free text that started the flow) is held to the same lengths as a typed one */
  acceptsPrefill(node, value) {
    if (typeof value !== 'string') return false;
    const n = charCount(value.trim());
    return n >= node.minLength && n <= node.maxLength;
  },
  /** too long to keep: the resident is told, as when they type it at the question */
  prefillRefusal(node, value, s) {
    return typeof value === 'string' && charCount(value.trim()) > node.maxLength ? fill(s.t.texts.tooLong, { max: node.maxLength }) : undefined;
  },
  /** long answers are shortened in summaries so a confirm message stays within one WeChat reply */
  format: (_node, value) => {
    // a read-back still waiting for 1 or 2 (a draft's summary) reads as what was heard
    const text = value && typeof value === 'object' && !Array.isArray(value) && typeof value.heard === 'string' ? value.heard : String(value);
    return charCount(text) > SUMMARY_CHARS ? `${[...text].slice(0, SUMMARY_CHARS).join('')}…` : text;
  },
  exits: (node) => (node.next ? [node.next] : []),
  templates: (node) => [node.prompt, ...(node.hint ? [node.hint] : [])],
};
