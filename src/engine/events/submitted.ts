import { z } from 'zod';
import { slotsSchema } from '../json.js';

/**
 * `submitted`: the resident confirmed what the flow collected. `kind` is what the flow's submit node
 * says it submits, checked at load against the kinds the runtime knows (compileFlows' `known.kinds`):
 * a case kind (report, proposal …: the runtime files a case of that kind from the slots, in one
 * transaction) or a kind of answer to what a push asked (verdict, score). `sessionId` is unique per flow
 * run, so a retried delivery never files twice. The slots are the flow's, as its YAML documents them.
 *
 * ```json
 * { "type": "submitted", "sessionId": "s-1", "flowId": "report", "kind": "report",
 *   "slots": { "category": "streetlight", "description": "3栋门口路灯不亮", "location": { "label": "桃源村3栋" },
 *              "photos": [], "phone": null } }
 * ```
 */
export const submittedEvent = z.object({
  type: z.literal('submitted'),
  sessionId: z.string(),
  flowId: z.string(),
  kind: z.string().min(1),
  slots: slotsSchema,
});
export type SubmittedEvent = z.infer<typeof submittedEvent>;
export const example: SubmittedEvent = {
  type: 'submitted',
  sessionId: 's-1',
  flowId: 'report',
  kind: 'report',
  slots: { category: 'streetlight', description: '3栋门口路灯不亮', location: { label: '桃源村3栋' }, photos: [], phone: null },
};
