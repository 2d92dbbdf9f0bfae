import { z } from 'zod';
import type { LookupRequestedEvent } from '../events/lookup-requested.js';
import type { Json } from '../json.js';
import type { NodeKind, Scope } from '../node-kind.js';
import { getPath } from '../template.js';
import { nodeId, slotName } from './base.js';

/**
 * `lookup`: asks the runtime for facts the pure engine cannot know. Emits
 * `lookup_requested { name, args }` (each arg read from a slot path) and waits, without a reply,
 * for the input `{ type: 'lookup_result', name, data }`; `data` becomes the slot. Any other input
 * meanwhile repeats the request. A `router` after it can branch on the answer.
 *
 * ```yaml
 * find_duplicates:
 *   type: lookup
 *   name: nearby_duplicates
 *   args: { category: category, location: location }
 *   result: duplicates
 *   next: check_duplicates
 * ```
 */
export const lookupNode = z.object({
  type: z.literal('lookup'),
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  /** argument name → slot path (`location`, `duplicates.0.id`) */
  args: z.record(z.string(), z.string().min(1)).default({}),
  result: slotName.optional(),
  next: nodeId.optional(),
});

export type LookupNode = z.infer<typeof lookupNode>;

function request(node: LookupNode, s: Scope): LookupRequestedEvent {
  const args: Record<string, Json> = {};
  for (const [name, path] of Object.entries(node.args)) {
    const [head = '', ...rest] = path.split('.');
    args[name] = getPath(s.session.slots[head], rest) ?? null;
  }
  return { type: 'lookup_requested', name: node.name, args };
}

export const lookupKind: NodeKind<LookupNode> = {
  type: 'lookup',
  asks: false,
  setsSlot: true,
  run: (node, s) => ({ type: 'wait', events: [request(node, s)] }),
  accept(node, input, s) {
    if (input.type === 'lookup_result' && input.name === node.name) return { type: 'answer', value: input.data };
    const stale =
      input.type === 'lookup_result'
        ? [{ type: 'error' as const, message: `lookup_result '${input.name}' arrived while waiting for '${node.name}'` }]
        : [];
    return { type: 'pending', events: [...stale, request(node, s)] };
  },
  exits: (node) => (node.next ? [node.next] : []),
  templates: (node) => Object.values(node.args).map((p) => `{{${p}}}`),
};
