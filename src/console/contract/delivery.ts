/** 实施 and after in the console: 实施信息, 验收 with its record, milestone photos, 第三方评估, the 满意度调查 tally. */
import { z } from 'zod';
import { ACCEPTANCE_RESULTS, IMPLEMENTER_KINDS, type AcceptanceResult, type ImplementerKind } from '../../civic/delivery/values.js';
import { iso, nonEmpty } from './common.js';

export { ACCEPTANCE_RESULTS, IMPLEMENTER_KINDS };
export type { AcceptanceResult, ImplementerKind };
export const IMPLEMENTER_KIND_LABELS: Record<ImplementerKind, string> = { provider: '签约服务商', street: '街道实施' };
export const ACCEPTANCE_RESULT_LABELS: Record<AcceptanceResult, string> = { passed: '验收合格', failed: '验收不合格' };

/** an acceptance record or an evaluation report: a PDF or a photo of the paper, at most this many bytes */
export const DOCUMENT_UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const DOCUMENT_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const day = z.iso.date();
const fen = z.number().int().nonnegative().max(1e12);

export const deliveryBodySchema = z.object({
  implementerKind: z.enum(IMPLEMENTER_KINDS),
  implementerName: nonEmpty.max(100),
  contractAmount: fen.nullable().default(null),
  plannedStart: day.nullable().default(null),
  plannedEnd: day.nullable().default(null),
  actualStart: day.nullable().default(null),
  actualEnd: day.nullable().default(null),
});
export type DeliveryBody = z.output<typeof deliveryBodySchema>;

export const acceptanceBodySchema = z.object({
  acceptedOn: day,
  acceptedBy: nonEmpty.max(100),
  result: z.enum(ACCEPTANCE_RESULTS),
  notes: z.string().trim().max(1000).nullable().default(null),
});
export type AcceptanceBody = z.output<typeof acceptanceBodySchema>;

export const evaluationBodySchema = z.object({
  evaluator: nonEmpty.max(100),
  evaluatedOn: day,
  score: z.number().int().min(0).max(100),
  summary: nonEmpty.max(2000),
});
export type EvaluationBody = z.output<typeof evaluationBodySchema>;

const file = z.object({ type: z.string(), bytes: z.number() }).nullable();

export const deliveryPanelSchema = z.object({
  caseId: z.number(),
  /** requested (the estimate), approved (the budget), paid (recorded on 完成): the three figures officials report, fen */
  money: z.object({ requested: z.number().nullable(), approved: z.number().nullable(), paid: z.number().nullable() }),
  delivery: z
    .object({
      implementerKind: z.enum(IMPLEMENTER_KINDS),
      implementerName: z.string(),
      contractAmount: z.number().nullable(),
      plannedStart: z.string().nullable(),
      plannedEnd: z.string().nullable(),
      actualStart: z.string().nullable(),
      actualEnd: z.string().nullable(),
      updatedAt: iso,
    })
    .nullable(),
  acceptances: z.array(
    z.object({
      id: z.number(),
      acceptedOn: z.string(),
      acceptedBy: z.string(),
      result: z.enum(ACCEPTANCE_RESULTS),
      notes: z.string().nullable(),
      document: file,
      createdAt: iso,
    }),
  ),
  milestones: z.array(z.object({ id: z.number(), date: iso, note: z.string(), percent: z.number(), photoIds: z.array(z.number()) })),
  evaluations: z.array(
    z.object({ id: z.number(), evaluator: z.string(), evaluatedOn: z.string(), score: z.number(), summary: z.string(), report: file, createdAt: iso }),
  ),
  survey: z.object({ satisfied: z.number(), fair: z.number(), dissatisfied: z.number(), reasons: z.array(z.string()) }),
  /** what may be done now, by the case's status (the kind's side actions) */
  can: z.object({ delivery: z.boolean(), acceptance: z.boolean(), evaluation: z.boolean(), milestonePhoto: z.boolean() }),
});
export type DeliveryPanel = z.infer<typeof deliveryPanelSchema>;
