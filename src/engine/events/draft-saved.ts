import { z } from 'zod';
import { slotsSchema } from '../json.js';

/**
 * `draft_saved`: keep these answers as the resident's draft of `flowId` (keys.draft). Emitted
 * when a flow with answers ends without being submitted or cancelled: on expiry, on a handoff,
 * or when 取消 is typed at the "continue your draft?" question. Pass it back as `trigger.draft`
 * the next time the flow starts; the runtime deletes its copy once handed to start().
 *
 * ```json
 * { "type": "draft_saved", "flowId": "report", "nodeId": "location",
 *   "slots": { "category": "streetlight", "description": "3栋门口路灯不亮" } }
 * ```
 */
export const draftSavedEvent = z.object({
  type: z.literal('draft_saved'),
  flowId: z.string(),
  nodeId: z.string(),
  slots: slotsSchema,
});
export type DraftSavedEvent = z.infer<typeof draftSavedEvent>;
export const example: DraftSavedEvent = {
  type: 'draft_saved',
  flowId: 'report',
  nodeId: 'location',
  slots: { category: 'streetlight', description: '3栋门口路灯不亮' },
};
