import { z } from 'zod';
import { slotsSchema } from '../json.js';

/**
 * `follow_requested`: instead of submitting, the resident chose to follow an existing case (a
 * nearby one reporting the same problem). Nothing is submitted; the runtime subscribes the resident
 * to the case `caseRef` names (its number) and may attach the slots (photos, description) to it.
 *
 * ```json
 * { "type": "follow_requested", "sessionId": "s-1", "flowId": "report", "caseRef": 123,
 *   "slots": { "category": "streetlight", "description": "3栋门口路灯不亮" } }
 * ```
 */
export const followRequestedEvent = z.object({
  type: z.literal('follow_requested'),
  sessionId: z.string(),
  flowId: z.string(),
  caseRef: z.union([z.number(), z.string()]),
  slots: slotsSchema,
});
export type FollowRequestedEvent = z.infer<typeof followRequestedEvent>;
export const example: FollowRequestedEvent = {
  type: 'follow_requested',
  sessionId: 's-1',
  flowId: 'report',
  caseRef: 123,
  slots: { category: 'streetlight', description: '3栋门口路灯不亮' },
};
