import { z } from 'zod';
import { slotsSchema } from '../json.js';

/**
 * `handoff_requested`: the resident answered 人工 inside the flow. The flow ends (reason
 * `handoff`); the runtime opens or reuses the inbox conversation with this context: the flow,
 * the question that was pending and the answers so far.
 *
 * ```json
 * { "type": "handoff_requested", "flowId": "report", "nodeId": "location",
 *   "slots": { "category": "streetlight", "description": "3栋门口路灯不亮" } }
 * ```
 */
export const handoffRequestedEvent = z.object({
  type: z.literal('handoff_requested'),
  flowId: z.string(),
  nodeId: z.string(),
  slots: slotsSchema,
});
export type HandoffRequestedEvent = z.infer<typeof handoffRequestedEvent>;
export const example: HandoffRequestedEvent = {
  type: 'handoff_requested',
  flowId: 'report',
  nodeId: 'location',
  slots: { category: 'streetlight', description: '3栋门口路灯不亮' },
};
