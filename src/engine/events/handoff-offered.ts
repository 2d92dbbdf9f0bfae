import { z } from 'zod';

/**
 * `handoff_offered`: `maxAttempts` invalid answers in a row at one node; the reply tells the
 * resident to reply 人工 or keep going. The session keeps waiting at the node. The runtime may
 * count these per node (drop-off metrics) or alert staff.
 *
 * ```json
 * { "type": "handoff_offered", "flowId": "report", "nodeId": "phone", "attempts": 3 }
 * ```
 */
export const handoffOfferedEvent = z.object({
  type: z.literal('handoff_offered'),
  flowId: z.string(),
  nodeId: z.string(),
  attempts: z.number().int(),
});
export type HandoffOfferedEvent = z.infer<typeof handoffOfferedEvent>;
export const example: HandoffOfferedEvent = { type: 'handoff_offered', flowId: 'report', nodeId: 'phone', attempts: 3 };
