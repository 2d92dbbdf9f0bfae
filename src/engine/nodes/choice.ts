import { z } from 'zod';
import { matchOption, numbered } from '../match-option.js';
import { renderOptions } from '../menu-link.js';
import type { NodeKind } from '../node-kind.js';
import { zhText } from '../zh-text.js';
import { askFields, invalid, nodeId } from './base.js';

export const choiceOption = z.object({
  /** shown before the label; defaults to the position (1, 2, 3 …) */
  number: z.number().int().min(0).max(99).optional(),
  /** what the slot holds (a category id, 工程类 …) */
  value: z.string().min(1),
  label: zhText,
  /** other words that mean this option (路灯 → 路灯照明) */
  synonyms: z.array(z.string().min(1)).optional(),
  /** where this option leads, instead of the node's next */
  next: nodeId.optional(),
});

/**
 * `choice`: numbered options, rendered as tappable bizmsgmenu links with their numbers. Accepts the
 * number, the label, a synonym, or an answer containing exactly one of them. `source: categories`
 * takes the options from flows/categories.yaml (the loader fills `options`); `synonyms` then adds
 * words per option value.
 *
 * ```yaml
 * category:
 *   type: choice
 *   prompt: 请选择问题类别（回复数字，或直接点选）：
 *   source: categories
 *   synonyms: { streetlight: [路灯, 灯不亮] }
 *   next: description
 * ```
 */
export const choiceNode = z
  .object({
    type: z.literal('choice'),
    ...askFields,
    options: z.array(choiceOption).min(1).optional(),
    source: z.enum(['categories']).optional(),
    synonyms: z.record(z.string(), z.array(z.string().min(1))).optional(),
  })
  .refine((n) => n.options !== undefined || n.source !== undefined, 'a choice needs options or a source');

export type ChoiceNode = z.infer<typeof choiceNode>;

/** The options with their numbers and the node-level synonyms merged in. */
export function choiceOptions(node: ChoiceNode) {
  return numbered(node.options ?? []).map((o) => ({ ...o, synonyms: [...(o.synonyms ?? []), ...(node.synonyms?.[o.value] ?? [])] }));
}

export const choiceKind: NodeKind<ChoiceNode> = {
  type: 'choice',
  asks: true,
  setsSlot: true,
  prompt: (node, s) => `${s.render(node.prompt)}\n${renderOptions(choiceOptions(node))}`,
  accept(node, input, s) {
    const options = choiceOptions(node);
    const picked = input.type === 'text' ? matchOption(options, input.text) : undefined;
    if (!picked) return invalid(node, s, 'choice', input, renderOptions(options));
    return { type: 'answer', value: picked.value, next: picked.next ?? node.next };
  },
  format: (node, value) => choiceOptions(node).find((o) => o.value === value)?.label ?? String(value),
  acceptsPrefill: (node, value) => choiceOptions(node).some((o) => o.value === value),
  skipTo: (node, value) => choiceOptions(node).find((o) => o.value === value)?.next ?? node.next,
  exits: (node) => [...(node.next ? [node.next] : []), ...(node.options ?? []).flatMap((o) => (o.next ? [o.next] : []))],
  templates: (node) => [node.prompt, ...(node.hint ? [node.hint] : [])],
};
