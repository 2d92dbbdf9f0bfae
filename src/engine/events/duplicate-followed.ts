import { z } from 'zod';
import { slotsSchema } from '../json.js';

/**
 * `duplicate_followed`: instead of filing a new report, the resident chose to follow an existing
 * nearby case. No `report_submitted` is emitted; the runtime subscribes the resident to `caseId`
 * (and may attach the photos and description as a public note).
 *
 * ```json
 * { "type": "duplicate_followed", "sessionId": "s-1", "flowId": "report", "caseId": 123,
 *   "slots": { "category": "streetlight", "description": "3栋门口路灯不亮" } }
 * ```
 */
export const duplicateFollowedEvent = z.object({
  type: z.literal('duplicate_followed'),
  sessionId: z.string(),
  flowId: z.string(),
  caseId: z.union([z.number(), z.string()]),
  slots: slotsSchema,
});
export type DuplicateFollowedEvent = z.infer<typeof duplicateFollowedEvent>;
export const example: DuplicateFollowedEvent = {
  type: 'duplicate_followed',
  sessionId: 's-1',
  flowId: 'report',
  caseId: 123,
  slots: { category: 'streetlight', description: '3栋门口路灯不亮' },
};
