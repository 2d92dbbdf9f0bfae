import { z } from 'zod';
import type { NodeKind } from '../node-kind.js';
import { zhText } from '../zh-text.js';

/**
 * `end`: says `message` and ends the flow (completed) without submitting anything: the flow found
 * that what the resident wants is not for it to file (a place outside every street the account
 * serves: who serves it instead).
 *
 * ```yaml
 * outside_area:
 *   type: end
 *   message: 这个位置不在本号服务的街道。{{place.office}}
 * ```
 */
export const endNode = z.object({ type: z.literal('end'), message: zhText });

export type EndNode = z.infer<typeof endNode>;

export const endKind: NodeKind<EndNode> = {
  type: 'end',
  asks: false,
  setsSlot: false,
  run: (node, s) => ({ type: 'end', reason: 'completed', events: [], reply: s.render(node.message) }),
  exits: () => [],
  templates: (node) => [node.message],
};
