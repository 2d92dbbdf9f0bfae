import { z } from 'zod';
import { matchOption, numbered } from '../match-option.js';
import { renderOptions } from '../menu-link.js';
import type { NodeKind } from '../node-kind.js';
import { zhText } from '../zh-text.js';
import { invalid, nodeId } from './base.js';

const confirmOption = z
  .object({
    number: z.number().int().min(0).max(99).optional(),
    label: zhText,
    synonyms: z.array(z.string().min(1)).optional(),
    /** go on to this node (提交); defaults to the confirm node's next */
    next: nodeId.optional(),
    /** jump back to this node (改位置) and come back here once it is answered */
    edit: nodeId.optional(),
  })
  .refine((o) => !(o.next && o.edit), 'an option either goes on (next) or edits (edit), not both');

/**
 * `confirm`: shows a summary built from the slots, then numbered options. An option with `edit`
 * jumps back to that node; once it is answered the flow returns here (session.returnTo).
 *
 * ```yaml
 * confirm:
 *   type: confirm
 *   prompt: "请核对：\n类别：{{category}}\n描述：{{description}}"
 *   options:
 *     - { label: 提交, synonyms: [确定, 确认, 对], next: submit }
 *     - { label: 改描述, synonyms: [描述], edit: description }
 * ```
 */
export const confirmNode = z.object({
  type: z.literal('confirm'),
  prompt: zhText,
  hint: zhText.optional(),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  options: z.array(confirmOption).min(1),
  next: nodeId.optional(),
});

export type ConfirmNode = z.infer<typeof confirmNode>;

export const confirmKind: NodeKind<ConfirmNode> = {
  type: 'confirm',
  asks: true,
  setsSlot: false,
  prompt: (node, s) => `${s.render(node.prompt)}\n${renderOptions(numbered(node.options))}`,
  accept(node, input, s) {
    const options = numbered(node.options);
    const picked = input.type === 'text' ? matchOption(options, input.text) : undefined;
    if (!picked) return invalid(node, s, 'confirm', input, renderOptions(options));
    if (picked.edit) return { type: 'edit', nodeId: picked.edit };
    return { type: 'answer', next: picked.next ?? node.next };
  },
  exits: (node) => [...(node.next ? [node.next] : []), ...node.options.flatMap((o) => [o.next, o.edit].filter((x): x is string => !!x))],
  templates: (node) => [node.prompt, ...(node.hint ? [node.hint] : [])],
};
