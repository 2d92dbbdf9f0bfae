import { z } from 'zod';
import type { NodeKind } from '../node-kind.js';
import { zhText } from '../zh-text.js';

/**
 * `submit`: emits `report_submitted` or `proposal_submitted` with every slot, says `message`, and
 * ends the flow (completed). The runtime creates the case; it may add the case number in a
 * follow-up message.
 *
 * ```yaml
 * submit:
 *   type: submit
 *   event: report_submitted
 *   message: 提交成功！我们会尽快安排处理，进展会在这里通知您。
 * ```
 */
export const submitNode = z.object({
  type: z.literal('submit'),
  event: z.enum(['report_submitted', 'proposal_submitted']),
  message: zhText,
});

export type SubmitNode = z.infer<typeof submitNode>;

export const submitKind: NodeKind<SubmitNode> = {
  type: 'submit',
  asks: false,
  setsSlot: false,
  run: (node, s) => ({
    type: 'end',
    reason: 'completed',
    events: [{ type: node.event, sessionId: s.session.id, flowId: s.flow.id, slots: structuredClone(s.session.slots) }],
    reply: s.render(node.message),
  }),
  exits: () => [],
  templates: (node) => [node.message],
};
