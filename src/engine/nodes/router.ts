import { z } from 'zod';
import { jsonValue, type Json } from '../json.js';
import type { NodeKind } from '../node-kind.js';
import { getPath } from '../template.js';
import { nodeId } from './base.js';

const routerCase = z.object({
  /** slot path, e.g. `duplicates` or `duplicates.0.id` */
  slot: z.string().min(1),
  /** has_items: a non-empty list; is_set: present and not null; equals: equal to `value` */
  test: z.enum(['has_items', 'is_set', 'equals']),
  value: jsonValue.optional(),
  next: nodeId,
});

/**
 * `router`: goes to the first case whose test holds, else to `default` (goflow's switch router,
 * without an expression language). Asks nothing.
 *
 * ```yaml
 * check_duplicates:
 *   type: router
 *   cases:
 *     - { slot: duplicates, test: has_items, next: duplicate }
 *   default: confirm
 * ```
 */
export const routerNode = z.object({
  type: z.literal('router'),
  cases: z.array(routerCase).min(1),
  default: nodeId.optional(),
});

export type RouterNode = z.infer<typeof routerNode>;

const holds = (c: z.infer<typeof routerCase>, v: Json | undefined): boolean => {
  if (c.test === 'has_items') return Array.isArray(v) && v.length > 0;
  if (c.test === 'is_set') return v !== undefined && v !== null;
  return JSON.stringify(v) === JSON.stringify(c.value);
};

export const routerKind: NodeKind<RouterNode> = {
  type: 'router',
  asks: false,
  setsSlot: false,
  run(node, s) {
    const hit = node.cases.find((c) => {
      const [head = '', ...rest] = c.slot.split('.');
      return holds(c, getPath(s.session.slots[head], rest));
    });
    return { type: 'goto', next: hit ? hit.next : node.default };
  },
  exits: (node) => [...node.cases.map((c) => c.next), ...(node.default ? [node.default] : [])],
  templates: (node) => node.cases.map((c) => `{{${c.slot}}}`),
};
