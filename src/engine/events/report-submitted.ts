import { z } from 'zod';
import { slotsSchema } from '../json.js';

/**
 * `report_submitted`: the resident confirmed a problem report. The runtime creates the case in one
 * transaction; `sessionId` is unique per flow run, so a retried delivery never creates two cases.
 * Slots of report.yaml: category (categories.yaml id), description, location
 * ({ lat, lng, label } or { label } when typed), photos ([{ mediaId, picUrl? }]), phone (or null),
 * duplicates (the lookup's answer).
 *
 * ```json
 * { "type": "report_submitted", "sessionId": "s-1", "flowId": "report",
 *   "slots": { "category": "streetlight", "description": "3栋门口路灯不亮", "location": { "label": "桃源村3栋" },
 *              "photos": [], "phone": null } }
 * ```
 */
export const reportSubmittedEvent = z.object({
  type: z.literal('report_submitted'),
  sessionId: z.string(),
  flowId: z.string(),
  slots: slotsSchema,
});
export type ReportSubmittedEvent = z.infer<typeof reportSubmittedEvent>;
export const example: ReportSubmittedEvent = {
  type: 'report_submitted',
  sessionId: 's-1',
  flowId: 'report',
  slots: { category: 'streetlight', description: '3栋门口路灯不亮', location: { label: '桃源村3栋' }, photos: [], phone: null },
};
