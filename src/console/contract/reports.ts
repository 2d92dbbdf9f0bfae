/** 督办 deadlines and the dashboard. */
import { z } from 'zod';
import { iso } from './common.js';
import { caseSummarySchema } from './cases.js';


export const deadlinesQuerySchema = z.object({
  streetId: z.string().min(1).optional(),
  communityId: z.string().min(1).optional(),
  /** a report still submitted after this many hours is unacknowledged (default from config, 24) */
  hours: z.coerce.number().int().min(1).max(24 * 60).optional(),
});
/** how often a case has been supervised (督办) and when last; null: never */
export const supervisionSchema = z.object({ times: z.number(), lastAt: iso }).nullable();
export const deadlineCaseSchema = caseSummarySchema.extend({ supervision: supervisionSchema });
export const deadlinesResponseSchema = z.object({
  now: iso,
  overdue: z.array(deadlineCaseSchema),
  unacknowledged: z.array(deadlineCaseSchema.extend({ hoursWaiting: z.number() })),
  unacknowledgedHours: z.number(),
});
export type DeadlineCase = z.infer<typeof deadlineCaseSchema>;

/** 督办 a case: what the manager asks of whoever handles it (staff only; residents are not told) */
export const superviseBodySchema = z.object({ note: z.string().trim().min(1).max(500) });
export const superviseResponseSchema = z.object({
  caseId: z.number(),
  eventId: z.number(),
  /** this one included */
  times: z.number(),
  at: iso,
});

// ─── dashboard ───────────────────────────────────────────────────────────────────────────────

export const dashboardQuerySchema = z.object({
  /** created_at from (inclusive) / to (exclusive): YYYY-MM-DD (Asia/Shanghai) or ISO; default this year */
  from: z.string().min(1).optional(),
  to: z.string().min(1).optional(),
  streetId: z.string().min(1).optional(),
  communityId: z.string().min(1).optional(),
  /** only the cases that came in through this channel (config/channels.yaml id, wechat, open311) */
  channel: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/).optional(),
});
export const figuresSchema = z.object({
  collected: z.object({ count: z.number(), requested: z.number() }),
  confirmed: z.object({ count: z.number(), approved: z.number() }),
  implemented: z.object({ count: z.number(), approved: z.number() }),
  completed: z.object({ count: z.number(), spent: z.number() }),
  reserve: z.number(),
  declined: z.number(),
  reports: z.object({ received: z.number(), open: z.number(), resolved: z.number(), resolvedOnTime: z.number(), overdue: z.number() }),
  /** 微心愿: on the wall or beyond, claimed, fulfilled; value in fen */
  wishes: z.object({
    posted: z.object({ count: z.number(), value: z.number() }),
    claimed: z.object({ count: z.number(), value: z.number() }),
    fulfilled: z.object({ count: z.number(), value: z.number() }),
  }),
  /** 资金来源 of projects and wishes, in fen */
  funding: z.object({ government: z.number(), social: z.number(), residents: z.number(), inKind: z.number() }),
});
export type Figures = z.infer<typeof figuresSchema>;
export const dashboardResponseSchema = z.object({
  from: iso,
  to: iso,
  totals: figuresSchema,
  byStreet: z.array(figuresSchema.extend({ streetId: z.string(), streetName: z.string() })),
  byCommunity: z.array(figuresSchema.extend({ communityId: z.string(), communityName: z.string(), streetId: z.string() })),
  /** resolved reports resolved by their due date / resolved reports; null when none */
  onTimeRate: z.number().nullable(),
  medianHoursToAcceptance: z.number().nullable(),
  medianHoursToResolution: z.number().nullable(),
  satisfaction: z.object({
    satisfied: z.number(),
    unsatisfied: z.number(),
    /** satisfied / (satisfied + unsatisfied); null when none */
    rate: z.number().nullable(),
    averageScore: z.number().nullable(),
    ratings: z.number(),
  }),
  /**
   * residents' ratings of the human service (人工客服) for the tickets closed in the period: counts,
   * and the share of each among the rated ones (null when none was rated)
   */
  humanService: z.object({
    closed: z.number(),
    rated: z.number(),
    satisfied: z.number(),
    fair: z.number(),
    unsatisfied: z.number(),
    satisfiedRate: z.number().nullable(),
    fairRate: z.number().nullable(),
    unsatisfiedRate: z.number().nullable(),
  }),
  /** who claimed the period's wishes: public name and type, wishes claimed and fulfilled, their value in fen */
  wishClaimers: z.array(
    z.object({
      claimerName: z.string(),
      claimerType: z.enum(['company', 'organisation', 'volunteer', 'individual']),
      claimed: z.number(),
      fulfilled: z.number(),
      value: z.number(),
    }),
  ),
  /** months as YYYY-MM (Asia/Shanghai) */
  reportsByCategoryByMonth: z.array(z.object({ month: z.string(), category: z.string(), categoryName: z.string(), count: z.number() })),
  /** 渠道: the period's cases per channel they came in through, every configured channel listed (0 included) */
  byChannel: z.array(z.object({ channel: z.string(), channelLabel: z.string(), count: z.number() })).optional(),
});
export type Dashboard = z.infer<typeof dashboardResponseSchema>;

