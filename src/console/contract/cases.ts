/** Cases: list, detail, transitions and the other staff actions. */
import { z } from 'zod';
import { voiceSchema } from './voices.js';
import { CASE_KINDS } from '../../civic/kinds/names.js';
import { flag, id, iso, nonEmpty, page, pageSize } from './common.js';


export const CASE_SORTS = ['createdAt', 'updatedAt', 'dueAt', 'id', 'status', 'supporters'] as const;
export const caseListQuerySchema = z.object({
  kind: z.enum(CASE_KINDS).optional(),
  streetId: z.string().min(1).optional(),
  communityId: z.string().min(1).optional(),
  category: z.string().min(1).optional(),
  /** one status or several, comma-separated */
  status: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .transform((s) => s.split(','))
    .optional(),
  overdue: flag.optional(),
  /** only cases with residents' photos waiting for review (公开 or 隐藏) */
  photosPending: flag.optional(),
  /** only reports whose public text (公开文字) no staff member has approved yet */
  textPending: flag.optional(),
  /** created_at from (inclusive) / to (exclusive): YYYY-MM-DD (Asia/Shanghai) or ISO */
  from: z.string().min(1).optional(),
  to: z.string().min(1).optional(),
  /** text search in title and description */
  q: z.string().trim().min(1).max(100).optional(),
  page,
  pageSize,
  sort: z.enum(CASE_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const caseSummarySchema = z.object({
  id: z.number(),
  kind: z.enum(CASE_KINDS),
  kindLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  categoryName: z.string().nullable(),
  projectType: z.string().nullable(),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  streetId: z.string().nullable(),
  streetName: z.string().nullable(),
  assignee: z.string().nullable(),
  createdAt: iso,
  updatedAt: iso,
  acceptedAt: iso.nullable(),
  resolvedAt: iso.nullable(),
  dueAt: iso.nullable(),
  /** years the due date was counted over whose holidays the calendar does not know: an estimate (Monday–Friday only) */
  dueEstimateYears: z.array(z.number().int()),
  overdue: z.boolean(),
  /** how late an overdue report is, in hours (0 when not overdue) */
  hoursOverdue: z.number(),
  /** residents' photos waiting for a staff member to show or hide them on the public pages */
  photosPending: z.number(),
  /** a report whose public text (公开文字) waits for a staff member's approval: the public pages show none of its words */
  textPending: z.boolean(),
  /** a danger report (倒树压线, 燃气泄漏): due within hours */
  urgent: z.boolean(),
  estimatedCost: z.number().nullable(),
  approvedCost: z.number().nullable(),
  actualCost: z.number().nullable(),
  /** residents who joined it, the author not counted: 支持 N on a proposal (what the 议事会 weighs), 我也遇到 on a report */
  supportCount: z.number(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;
export const caseListResponseSchema = z.object({ items: z.array(caseSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() });

/**
 * How a transition field is typed in: text, textarea (long text), date (ISO), money (fen), case (a
 * case number), choice (one of `options`), claim (one of the case's pending claims, by id).
 */
export const FIELD_TYPES = ['text', 'textarea', 'date', 'money', 'case', 'choice', 'claim'] as const;
export const transitionFieldSchema = z.object({
  name: z.string(),
  type: z.enum(FIELD_TYPES),
  label: z.string(),
  required: z.boolean(),
  /** a choice's values and their words */
  options: z.array(z.object({ value: z.string(), label: z.string() })).optional(),
});
export const nextTransitionSchema = z.object({
  to: z.string(),
  label: z.string(),
  /** what the move needs, in words */
  needs: z.string().nullable(),
  publicNoteRequired: z.boolean(),
  fields: z.array(transitionFieldSchema),
  /** suggested values, e.g. dueAt from the category's working days */
  defaults: z.record(z.string(), z.unknown()),
});
export type NextTransition = z.infer<typeof nextTransitionSchema>;

export const timelineEntrySchema = z.object({
  id: z.number(),
  at: iso,
  type: z.string(),
  actorType: z.string(),
  actorName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  toStatusLabel: z.string().nullable(),
  publicNote: z.string().nullable(),
  internalNote: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  /** shown on the public page */
  public: z.boolean(),
  /** a case filed on someone's behalf, on its 'created' entry: 由 张三 代为登记（电话）; staff only */
  filing: z.string().nullable().optional(),
});
/**
 * Whether a photo is on the public pages: a resident's photo waits for review ('pending', the
 * public page does not show it and its URL answers 404) until staff show or hide it; staff uploads
 * are 'shown' at once.
 */
export const PHOTO_PUBLIC_STATES = ['pending', 'shown', 'hidden'] as const;
export type PhotoPublicState = (typeof PHOTO_PUBLIC_STATES)[number];
export const casePhotoSchema = z.object({
  id: z.number(),
  url: z.string(),
  contentType: z.string(),
  bytes: z.number(),
  source: z.string(),
  createdAt: iso,
  publicState: z.enum(PHOTO_PUBLIC_STATES),
  /** who showed or hid it, and when (null while pending, and for staff uploads shown at once) */
  moderatedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
  moderatedAt: iso.nullable(),
});
export type CasePhoto = z.infer<typeof casePhotoSchema>;
/**
 * 公开文字: what the public pages show of a report's words. `text` is what a staff member approved
 * (null: not yet, and the pages show the category, the community and the status only); `proposal`
 * is the description with names, rooms, phone, ID and plate numbers masked by rule, to start from.
 */
export const publicTextSchema = z.object({
  text: z.string().nullable(),
  proposal: z.string(),
  approvedAt: iso.nullable(),
  approvedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
});
export type PublicTextState = z.infer<typeof publicTextSchema>;
/** approve (and maybe edit) the public text */
export const publicTextBodySchema = z.object({ text: z.string().trim().min(1).max(2000) });

/** 公开 or 隐藏 one photo on the public pages */
export const photoStateBodySchema = z.object({ publicState: z.enum(['shown', 'hidden']) });

/**
 * 认领: who claims a wish, in staff words. The claims table's enum: the console's claims.ts does not
 * build if the two differ, and tests/console/wish.test.ts compares them.
 */
export const CLAIMER_TYPES = ['company', 'organisation', 'volunteer', 'individual'] as const;
export type ClaimerType = (typeof CLAIMER_TYPES)[number];
export const CLAIMER_TYPE_LABELS: Record<ClaimerType, string> = { company: '企业', organisation: '社会组织', volunteer: '志愿者', individual: '居民个人' };
export const CLAIM_STATUSES = ['pending', 'confirmed', 'declined', 'withdrawn'] as const;
export const CLAIM_STATUS_LABELS: Record<(typeof CLAIM_STATUSES)[number], string> = { pending: '待确认', confirmed: '已确认', declined: '未采用', withdrawn: '已退出' };

/** one offer to make a wish come true, with its contact (staff only; masked for deputies) */
export const caseClaimSchema = z.object({
  id: z.number(),
  /** public once confirmed */
  claimerName: z.string(),
  claimerType: z.enum(CLAIMER_TYPES),
  /** never public; masked for deputies */
  contactName: z.string(),
  contactPhone: z.string(),
  note: z.string().nullable(),
  status: z.enum(CLAIM_STATUSES),
  /** public: offered on the claim page; staff: entered for the claimer */
  source: z.enum(['public', 'staff']),
  createdAt: iso,
  decidedAt: iso.nullable(),
});
export type CaseClaim = z.infer<typeof caseClaimSchema>;

/** 资金来源, in staff words: civic FUNDING_SOURCES (the console's funding.ts does not build if they differ) */
export const FUNDING_SOURCES = ['government', 'social', 'residents', 'in_kind'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_SOURCE_LABELS: Record<FundingSource, string> = {
  government: '政府资金（民生微实事）',
  social: '社会资金',
  residents: '居民自筹',
  in_kind: '实物捐赠',
};
/** the sources whose giver must be named (an enterprise, a foundation, the giver of materials) */
export const NAMED_FUNDING_SOURCES: readonly FundingSource[] = ['social', 'in_kind'];

export const fundingLineSchema = z.object({
  id: z.number(),
  source: z.enum(FUNDING_SOURCES),
  funder: z.string().nullable(),
  /** fen */
  amount: z.number(),
  note: z.string().nullable(),
  createdAt: iso,
  /** who entered it */
  createdBy: z.string().nullable(),
});
export type FundingLine = z.infer<typeof fundingLineSchema>;

export const caseDetailSchema = z.object({
  case: caseSummarySchema.extend({
    description: z.string(),
    beneficiaries: z.string().nullable(),
    batch: z.string().nullable(),
    publicityStart: iso.nullable(),
    publicityEnd: iso.nullable(),
    duplicateOf: z.number().nullable(),
    rejectReason: z.string().nullable(),
    location: z.object({ lat: z.number().nullable(), lng: z.number().nullable(), label: z.string().nullable() }),
    /** the resident's phone; masked for deputies */
    phone: z.string().nullable(),
    residentLabel: z.string().nullable(),
    /** how it came in (config/channels.yaml: wechat, phone, window …) and its label */
    channel: z.string(),
    channelLabel: z.string(),
    /** the name the resident gave when staff filed for them: private (masked for deputies) */
    contactName: z.string().nullable(),
  }),
  timeline: z.array(timelineEntrySchema),
  /** every photo, whatever its public state: staff see them all */
  photos: z.array(casePhotoSchema),
  /** what the resident said while filing it (never public) */
  voices: z.array(voiceSchema),
  /** kinds whose words are public only as approved (a report): the public text, or null for other kinds */
  publicText: z.lazy(() => publicTextSchema).nullable(),
  milestones: z.array(z.object({ id: z.number(), date: iso, note: z.string(), percent: z.number() })),
  subscribers: z.object({ authors: z.number(), supporters: z.number(), followers: z.number(), total: z.number() }),
  /** residents who reported it (author + 我也遇到) */
  supporters: z.number(),
  /** proposals: residents who support it (支持 N) and whether 征集 still takes support; null for other kinds */
  support: z.object({ count: z.number(), open: z.boolean() }).nullable(),
  evaluation: z.object({ satisfied: z.number(), unsatisfied: z.number(), averageScore: z.number().nullable(), ratings: z.number() }),
  /** empty when the user may not move it */
  nextTransitions: z.array(nextTransitionSchema),
  /**
   * kinds with a budget (a proposal): the year's envelope of its place (年度预算, src/civic/budgets) with
   * what is spent and left, not counting this case, as approving it now would see; null when the
   * street set none (approving is not limited); absent for other kinds
   */
  envelope: z.object({ year: z.number(), amount: z.number(), spent: z.number(), remaining: z.number() }).nullable().optional(),
  /** kinds with a value (a wish): the estimate and what was given, in fen; null for other kinds */
  value: z.object({ estimated: z.number().nullable(), given: z.number().nullable() }).nullable(),
  /** kinds partners claim (a wish): every offer, oldest first, with contacts; null for other kinds */
  claims: z.array(caseClaimSchema).nullable(),
  /** kinds that keep 资金来源 (projects, wishes): the lines in the order entered; null for other kinds */
  funding: z.array(fundingLineSchema).nullable(),
  /** filed by a partner system through Open311: which, the answers to its category's attributes, the media_url it gave (never fetched); null otherwise */
  open311: z
    .object({ partner: z.string(), keyId: z.number(), attributes: z.array(z.object({ label: z.string(), value: z.string() })), mediaUrl: z.string().nullable() })
    .nullable()
    .optional(),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** 资金来源: one source of a case's money (social money and gifts in kind name their giver) */
export const fundingBodySchema = z
  .object({
    source: z.enum(FUNDING_SOURCES),
    funder: nonEmpty.max(100).optional(),
    /** fen, at most 10 亿元 */
    amount: z.number().int().positive().max(1_000_000_000_00),
    note: z.string().trim().max(500).optional(),
  })
  .refine((b) => !NAMED_FUNDING_SOURCES.includes(b.source) || !!b.funder, { path: ['funder'], message: 'funder required' });
export const fundingResponseSchema = z.object({ fundingId: z.number(), eventId: z.number() });
export const fundingRemovedSchema = z.object({ eventId: z.number() });

/** what staff may upload as a case photo: the bytes are checked, not only the declared type */
export const PHOTO_UPLOAD_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export const transitionBodySchema = z.object({
  to: z.string().regex(/^[a-z_]+$/),
  /** the status the user saw: 409 when the case has moved on */
  from: z.string().regex(/^[a-z_]+$/).optional(),
  publicNote: z.string().max(500).optional(),
  internalNote: z.string().max(2000).optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export const transitionResponseSchema = z.object({
  caseId: z.number(),
  from: z.string(),
  to: z.string(),
  statusLabel: z.string(),
  eventId: z.number(),
  queued: z.number(),
});
export const caseAssignBodySchema = z.object({
  assignee: nonEmpty.max(100),
  dueAt: z.iso.datetime({ offset: true }).optional(),
  internalNote: z.string().max(2000).optional(),
});
export const mergeBodySchema = z.object({
  duplicateOf: id,
  from: z.string().regex(/^[a-z_]+$/).optional(),
  publicNote: z.string().max(500).optional(),
  internalNote: z.string().max(2000).optional(),
});
export const caseNoteBodySchema = z
  .object({ publicNote: z.string().max(500).optional(), internalNote: z.string().max(2000).optional() })
  .refine((b) => Boolean(b.publicNote?.trim() || b.internalNote?.trim()), { message: 'publicNote or internalNote' });
export const milestoneBodySchema = z.object({
  date: z.iso.datetime({ offset: true }).or(z.iso.date()),
  note: nonEmpty.max(500),
  percent: z.number().int().min(0).max(100),
});
export const transferBodySchema = z.object({
  department: nonEmpty.max(100),
  from: z.string().regex(/^[a-z_]+$/).optional(),
  dueAt: z.iso.datetime({ offset: true }).optional(),
  publicNote: z.string().max(500).optional(),
  internalNote: z.string().max(2000).optional(),
});
/** 改派社区: the case goes to another community (its due date is kept) */
export const reassignBodySchema = z.object({
  communityId: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/),
  from: z.string().regex(/^[a-z_]+$/).optional(),
  publicNote: z.string().max(500).optional(),
  internalNote: z.string().max(2000).optional(),
});
export const eventResponseSchema = z.object({ eventId: z.number(), queued: z.number() });
export const bulkTransitionBodySchema = transitionBodySchema.omit({ from: true }).extend({
  ids: z.array(id).min(1).max(200),
});
export const bulkTransitionResponseSchema = z.object({
  results: z.array(
    z.object({
      id: z.number(),
      ok: z.boolean(),
      /** the new status when ok */
      status: z.string().optional(),
      /**
       * when not: an HTTP-like status, the machine reason (illegal_transition, not_found, invalid_data …)
       * and why in staff words (「已办结，不能再受理」), which the bulk dialog lists per case
       */
      error: z.object({ status: z.number(), reason: z.string(), message: z.string() }).optional(),
    }),
  ),
  succeeded: z.number(),
  failed: z.number(),
});

