import { z } from 'zod';
import { slotsSchema } from '../json.js';

/**
 * `proposal_submitted`: the resident confirmed a 微实事 proposal. Slots of proposal.yaml: title,
 * description, projectType (工程类 | 服务类 | 货物类), beneficiaries, community (community id),
 * location (or null), estimatedCostYuan (whole yuan, or null), photos.
 *
 * ```json
 * { "type": "proposal_submitted", "sessionId": "s-1", "flowId": "proposal",
 *   "slots": { "title": "巷道加装路灯", "projectType": "工程类", "community": "taoyuan", "estimatedCostYuan": 20000 } }
 * ```
 */
export const proposalSubmittedEvent = z.object({
  type: z.literal('proposal_submitted'),
  sessionId: z.string(),
  flowId: z.string(),
  slots: slotsSchema,
});
export type ProposalSubmittedEvent = z.infer<typeof proposalSubmittedEvent>;
export const example: ProposalSubmittedEvent = {
  type: 'proposal_submitted',
  sessionId: 's-1',
  flowId: 'proposal',
  slots: { title: '巷道加装路灯', projectType: '工程类', community: 'taoyuan', estimatedCostYuan: 20000 },
};
