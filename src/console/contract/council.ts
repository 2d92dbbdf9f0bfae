/** 居民议事会 in the console: meetings of the communities in scope, and one meeting deciding many proposals at once. */
import { z } from 'zod';
import { ATTENDEE_GROUPS, type AttendeeGroup } from '../../civic/council/attendees.js';
import { COUNCIL_OUTCOMES, type CouncilOutcome } from '../../civic/kinds/kind.js';
import { id, iso, nonEmpty } from './common.js';

export { ATTENDEE_GROUPS, COUNCIL_OUTCOMES };
export const COUNCIL_OUTCOME_LABELS: Record<CouncilOutcome, string> = { approved: '确定', reserve: '备选', declined: '不予采纳' };
export const ATTENDEE_LABELS: Record<AttendeeGroup, string> = {
  party: '社区党组织',
  committee: '居委会',
  workstation: '工作站',
  residents: '居民代表',
  experts: '专家',
  deputies: '人大代表/政协委员',
};
/** the minutes (会议纪要): a PDF or a photo of the paper, at most this many bytes */
export const MINUTES_UPLOAD_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const MINUTES_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const headcount = z.number().int().min(0).max(1000);
const votes = z.number().int().min(0).max(10_000).optional();
const communityId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);

export const attendeesSchema = z.object({
  party: headcount,
  committee: headcount,
  workstation: headcount,
  residents: headcount,
  experts: headcount,
  deputies: headcount,
});

/** what the meeting decided of one proposal: 确定 with the budget in fen, 备选, 不予采纳 with a reason (the lifecycle refuses what is missing, in words) */
export const councilDecisionBodySchema = z.object({
  caseId: id,
  outcome: z.enum(COUNCIL_OUTCOMES),
  approvedCost: z.number().int().positive().max(1e12).optional(),
  reason: z.string().trim().max(500).optional(),
  /** 确定 beyond the year's budget envelope: the reason (budgetOverride only) */
  overrideReason: z.string().trim().min(1).max(500).optional(),
  votes: z.object({ for: votes, against: votes, abstain: votes }).optional(),
});

export const councilMeetingBodySchema = z.object({
  communityId,
  /** YYYY-MM-DD */
  heldOn: z.iso.date(),
  title: nonEmpty.max(100),
  attendees: attendeesSchema,
  decisions: z.array(councilDecisionBodySchema).min(1).max(200),
});

export const councilListQuerySchema = z.object({ communityId: communityId.optional() });
export const councilCandidatesQuerySchema = z.object({ communityId });

const outcomeCounts = z.object({ approved: z.number(), reserve: z.number(), declined: z.number() });
export const councilMeetingSummarySchema = z.object({
  id: z.number(),
  communityId: z.string(),
  communityName: z.string(),
  heldOn: z.string(),
  title: z.string(),
  attendees: attendeesSchema,
  outcomes: outcomeCounts,
  hasMinutes: z.boolean(),
  createdAt: iso,
});
export const councilListResponseSchema = z.object({ meetings: z.array(councilMeetingSummarySchema) });

export const councilMeetingDetailSchema = councilMeetingSummarySchema.extend({
  minutes: z.object({ type: z.string(), bytes: z.number() }).nullable(),
  decisions: z.array(
    z.object({
      caseId: z.number(),
      title: z.string().nullable(),
      status: z.string(),
      statusLabel: z.string(),
      outcome: z.enum(COUNCIL_OUTCOMES),
      votes: z.object({ for: z.number().nullable(), against: z.number().nullable(), abstain: z.number().nullable() }),
      approvedCost: z.number().nullable(),
      reason: z.string().nullable(),
      supportCount: z.number(),
    }),
  ),
});

/** the proposals a meeting of the community may decide (征集 / 审核), with the support the 议事会 weighs */
export const councilCandidatesResponseSchema = z.object({
  candidates: z.array(
    z.object({
      caseId: z.number(),
      title: z.string().nullable(),
      status: z.string(),
      statusLabel: z.string(),
      projectType: z.string().nullable(),
      estimatedCost: z.number().nullable(),
      supportCount: z.number(),
      createdAt: iso,
    }),
  ),
});

/**
 * The meeting was recorded (decided: true) or refused as a whole (decided: false): then nothing was
 * kept and each refused proposal has its reason in words, as a bulk move lists them.
 */
export const councilMeetingResponseSchema = z.discriminatedUnion('decided', [
  z.object({
    decided: z.literal(true),
    meetingId: z.number(),
    results: z.array(z.object({ caseId: z.number(), outcome: z.enum(COUNCIL_OUTCOMES), status: z.string(), statusLabel: z.string(), queued: z.number() })),
  }),
  z.object({
    decided: z.literal(false),
    message: z.string(),
    refusals: z.array(z.object({ caseId: z.number(), status: z.number(), reason: z.string(), message: z.string() })),
  }),
]);

export const councilMinutesResponseSchema = z.object({ meetingId: z.number(), type: z.string(), bytes: z.number() });
