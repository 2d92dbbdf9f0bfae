import { z } from 'zod';
import { matchOption, numbered } from '../match-option.js';
import { menuLink, renderOptions } from '../menu-link.js';
import type { NodeKind, Scope } from '../node-kind.js';
import { render } from '../template.js';
import { zhText } from '../zh-text.js';
import { askFields, invalid, nodeId, slotName } from './base.js';

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
    /**
     * Said when the trigger answered this question (the category read from free text), before the
     * next question: `say` names the answer, `{{change}}` is a tap labelled `change` that sends the
     * first of `words`; any of `words`, typed or tapped at a later question (but the confirm card,
     * which has its own 改…), asks this question again and returns to where the resident was.
     */
    understood: z
      .object({ say: zhText, change: zhText, words: z.array(z.string().min(1)).min(1) })
      .strict()
      .refine((u) => u.say.includes('{{change}}'), 'say needs {{change}}, the tap that changes the answer')
      .optional(),
    /**
     * When the flow's param `slot` holds a few option values (the runtime's best guesses), the
     * question shows only those, then the `always` ones, under `prompt`; every option is still
     * accepted, and an invalid answer or a jump back (改) shows them all.
     */
    shortlist: z.object({ slot: slotName, prompt: zhText, always: z.array(z.string().min(1)).default([]) }).strict().optional(),
  })
  .refine((n) => n.options !== undefined || n.source !== undefined, 'a choice needs options or a source');

export type ChoiceNode = z.infer<typeof choiceNode>;

/** The options with their numbers and the node-level synonyms merged in. */
export function choiceOptions(node: ChoiceNode) {
  return numbered(node.options ?? []).map((o) => ({ ...o, synonyms: [...(o.synonyms ?? []), ...(node.synonyms?.[o.value] ?? [])] }));
}

/** The options of the shortlist in its slot (known values only, in its order, then `always`), or undefined. */
function shortlisted(node: ChoiceNode, s: Scope) {
  if (!node.shortlist) return undefined;
  const guesses = s.session.slots[node.shortlist.slot];
  if (!Array.isArray(guesses)) return undefined;
  const options = choiceOptions(node);
  const values = [...new Set([...guesses.filter((g): g is string => typeof g === 'string'), ...node.shortlist.always])];
  const short = values.flatMap((v) => options.filter((o) => o.value === v));
  return short.length > node.shortlist.always.length && short.length < options.length ? short : undefined;
}

/** The understood line of a prefilled answer: 好的，帮您登记【排水井盖】问题（不对请点这里改） */
export function understoodLine(node: ChoiceNode, s: Scope): string | undefined {
  const u = node.understood;
  if (!u) return undefined;
  const tap = menuLink(u.words[0]!, 0, u.change);
  return render(u.say, (path) => (path === 'change' ? tap : s.render(`{{${path}}}`)));
}

export const choiceKind: NodeKind<ChoiceNode> = {
  type: 'choice',
  asks: true,
  setsSlot: true,
  prompt(node, s) {
    const short = shortlisted(node, s);
    if (short && node.shortlist) return `${s.render(node.shortlist.prompt)}\n${renderOptions(short)}`;
    return `${s.render(node.prompt)}\n${renderOptions(choiceOptions(node))}`;
  },
  accept(node, input, s) {
    const options = choiceOptions(node);
    const picked = input.type === 'text' ? matchOption(options, input.text) : undefined;
    if (!picked) return invalid(node, s, 'choice', input, renderOptions(options));
    return { type: 'answer', value: picked.value, next: picked.next ?? node.next };
  },
  format: (node, value) => choiceOptions(node).find((o) => o.value === value)?.label ?? String(value),
  acceptsPrefill: (node, value) => choiceOptions(node).some((o) => o.value === value),
  skipTo: (node, value) => choiceOptions(node).find((o) => o.value === value)?.next ?? node.next,
  // asked again (改): the whole list, not the guesses
  onEdit(node, s) {
    if (node.shortlist) delete s.session.slots[node.shortlist.slot];
  },
  exits: (node) => [...(node.next ? [node.next] : []), ...(node.options ?? []).flatMap((o) => (o.next ? [o.next] : []))],
  templates: (node) => [
    node.prompt,
    ...(node.hint ? [node.hint] : []),
    ...(node.understood ? [node.understood.say.replaceAll('{{change}}', '')] : []),
    ...(node.shortlist ? [node.shortlist.prompt] : []),
  ],
};
