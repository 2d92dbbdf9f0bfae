import { z } from 'zod';
import type { Community } from '../context.js';
import { matchOption } from '../match-option.js';
import { renderOptions } from '../menu-link.js';
import type { NodeKind } from '../node-kind.js';
import { askFields, invalid, isSkip, optionalField } from './base.js';

/**
 * `community`: pick a community from `ctx.communities` (the runtime passes its street's list) by
 * number, name or alias; the slot holds the community id. Up to `linksUpTo` communities are
 * rendered as tappable links, more as plain numbered lines. Without a list the question is skipped
 * with an `error` event.
 *
 * ```yaml
 * community:
 *   type: community
 *   prompt: 这个项目在哪个社区？请回复数字或社区名称：
 *   next: location
 * ```
 */
export const communityNode = z.object({
  type: z.literal('community'),
  ...askFields,
  ...optionalField,
  linksUpTo: z.number().int().min(0).max(30).default(12),
});

export type CommunityNode = z.infer<typeof communityNode>;

const options = (list: readonly Community[]) =>
  list.map((c, i) => ({ number: i + 1, label: c.name, synonyms: c.aliases ? [...c.aliases] : [], id: c.id }));

export const communityKind: NodeKind<CommunityNode> = {
  type: 'community',
  asks: true,
  setsSlot: true,
  prompt(node, s) {
    const list = options(s.ctx.communities ?? []);
    return `${s.render(node.prompt)}\n${renderOptions(list, list.length <= node.linksUpTo)}`;
  },
  accept(node, input, s) {
    if (isSkip(node, input, s)) return { type: 'answer', value: null };
    const list = options(s.ctx.communities ?? []);
    const picked = input.type === 'text' ? matchOption(list, input.text) : undefined;
    if (!picked) return invalid(node, s, 'community', input, renderOptions(list, list.length <= node.linksUpTo));
    return { type: 'answer', value: picked.id };
  },
  format: (_node, value, s) => s.ctx.communities?.find((c) => c.id === value)?.name ?? String(value),
  acceptsPrefill: (_node, value, s) => (s.ctx.communities ?? []).some((c) => c.id === value),
  unavailable: (_node, s) => ((s.ctx.communities ?? []).length === 0 ? 'no communities in the context: community question skipped' : undefined),
  exits: (node) => (node.next ? [node.next] : []),
  templates: (node) => [node.prompt, ...(node.hint ? [node.hint] : [])],
};
