import { z } from 'zod';
import type { NodeKind } from '../node-kind.js';
import { getPath } from '../template.js';
import { zhText } from '../zh-text.js';

/**
 * `follow`: the resident chose to follow an existing case instead of reporting it again. Emits
 * `follow_requested { caseRef, slots }` (the runtime subscribes them), says `message` and ends the
 * flow (completed); nothing is submitted. `case` is the slot path of the case's number.
 *
 * ```yaml
 * follow_duplicate:
 *   type: follow
 *   case: duplicates.0.id
 *   message: 好的，已为您关注 #{{duplicates.0.id}}，处理进展会通知您。
 * ```
 */
export const followNode = z.object({
  type: z.literal('follow'),
  case: z.string().min(1),
  message: zhText,
});

export type FollowNode = z.infer<typeof followNode>;

export const followKind: NodeKind<FollowNode> = {
  type: 'follow',
  asks: false,
  setsSlot: false,
  run(node, s) {
    const [head = '', ...rest] = node.case.split('.');
    const caseRef = getPath(s.session.slots[head], rest);
    if (typeof caseRef !== 'number' && typeof caseRef !== 'string') return { type: 'fail', message: `no case id at '${node.case}'` };
    return {
      type: 'end',
      reason: 'completed',
      events: [{ type: 'follow_requested', sessionId: s.session.id, flowId: s.flow.id, caseRef, slots: structuredClone(s.session.slots) }],
      reply: s.render(node.message),
    };
  },
  exits: () => [],
  templates: (node) => [node.message, `{{${node.case}}}`],
};
