/** 公示异议 in the console: the objections of a case and the answer to one (采纳 / 不采纳). */
import { z } from 'zod';
import { iso } from './common.js';

/** an objection as staff see it: the reason and the answer, never who raised it */
export const objectionSchema = z.object({
  id: z.number(),
  reason: z.string(),
  status: z.enum(['open', 'accepted', 'rejected', 'superseded']),
  answer: z.string().nullable(),
  createdAt: iso,
  answeredAt: iso.nullable(),
});
export const objectionListResponseSchema = z.object({ objections: z.array(objectionSchema), open: z.number() });

/** 采纳: the project goes back to review (answer optional: the move's note); 不采纳: the public reason is required */
export const objectionAnswerBodySchema = z.object({
  accepted: z.boolean(),
  answer: z.string().trim().max(500).optional(),
});
export const objectionAnswerResponseSchema = z.object({
  caseId: z.number(),
  objectionId: z.number(),
  status: z.enum(['accepted', 'rejected']),
  /** true when 采纳 moved the project back to review */
  moved: z.boolean(),
});
