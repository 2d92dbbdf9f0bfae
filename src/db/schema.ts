import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { CASE_KINDS } from '../civic/kinds/names.js';

import { createdAt, ts } from './columns.js';
import { communities, residents, streets } from './residents-schema.js';

/**
 * A case: a problem report (报修), a project proposal (微实事提议), a wish (微心愿) … (the kinds of
 * src/civic/kinds). They share one number sequence so 查询 N is never ambiguous, and one
 * timeline, subscription and media model.
 */
export const cases = pgTable(
  'cases',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: CASE_KINDS }).notNull(),
    status: text('status').notNull(),
    openid: text('openid').references(() => residents.openid),
    communityId: text('community_id').references(() => communities.id),
    /**
     * the street office the case belongs to: its community's, or, when the community is not known
     * (the resident answered 不清楚), the street that sorts it out (null: neither is known)
     */
    streetId: text('street_id').references(() => streets.id),
    /** report category (路灯照明, 道路设施 …) */
    category: text('category'),
    title: text('title'),
    description: text('description').notNull(),
    /**
     * WGS-84 (GPS). WeChat sends GCJ-02 (Tencent's datum); the runtime converts a shared point once,
     * as the message arrives (src/runtime/message-input.ts). Rows filed before migration 0003 held
     * GCJ-02 and were converted by it.
     */
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    locationLabel: text('location_label'),
    phone: text('phone'),
    /** proposal fields */
    projectType: text('project_type', { enum: ['工程类', '服务类', '货物类'] }),
    beneficiaries: text('beneficiaries'),
    /** money in fen (分) to stay exact */
    estimatedCost: bigint('estimated_cost', { mode: 'number' }),
    approvedCost: bigint('approved_cost', { mode: 'number' }),
    actualCost: bigint('actual_cost', { mode: 'number' }),
    /** the batch's title as staff and the public pages read it (第一批); set with batchId when the batch is a record */
    batch: text('batch'),
    /** the batch (批次) it was put into: published together (src/civic/budgets/batches.ts) */
    batchId: integer('batch_id').references(() => batches.id),
    /** when it was last approved (确定): the year whose envelope it spends (src/civic/budgets) */
    approvedAt: ts('approved_at'),
    /** a proposal's thematic category (垃圾分类, 敬老孝亲 …): an id of config/proposal-themes.yaml, set by staff */
    theme: text('theme'),
    publicityStart: ts('publicity_start'),
    publicityEnd: ts('publicity_end'),
    /** report handling */
    assignee: text('assignee'),
    dueAt: ts('due_at'),
    duplicateOf: integer('duplicate_of'),
    rejectReason: text('reject_reason'),
    /**
     * what the public pages show of the resident's words, as a staff member approved it (公开文字):
     * null until then, and the pages show only the category, the community and the status
     */
    publicText: text('public_text'),
    /** a danger report (倒树压线, 燃气泄漏: flows/categories.yaml): due within hours, flagged to staff */
    urgent: boolean('urgent').notNull().default(false),
    publicTextAt: ts('public_text_at'),
    /** the inbound message that created it: a retried delivery can never create a second case */
    sourceKey: text('source_key'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    acceptedAt: ts('accepted_at'),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [
    uniqueIndex('cases_source_key_uq').on(t.sourceKey),
    index('cases_community_status_idx').on(t.communityId, t.status),
    index('cases_street_idx').on(t.streetId),
    index('cases_openid_idx').on(t.openid),
    index('cases_kind_status_idx').on(t.kind, t.status),
    index('cases_batch_idx').on(t.batchId),
  ],
);

/**
 * 年度预算: the envelope a street sets for a year, per community, or for its own projects
 * (community null). Approving a proposal spends it (src/civic/budgets/envelope.ts). Money in fen.
 */
export const budgetEnvelopes = pgTable(
  'budget_envelopes',
  {
    id: serial('id').primaryKey(),
    streetId: text('street_id')
      .notNull()
      .references(() => streets.id),
    /** null: the street's own envelope */
    communityId: text('community_id').references(() => communities.id),
    year: integer('year').notNull(),
    /** fen (分) */
    amount: bigint('amount', { mode: 'number' }).notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    unique('budget_envelopes_uq').on(t.streetId, t.communityId, t.year).nullsNotDistinct(),
    check('budget_envelopes_amount', sql`${t.amount} >= 0`),
  ],
);

/** 批次: approved proposals of a street's year, numbered (第一批 …) and published together */
export const batches = pgTable(
  'batches',
  {
    id: serial('id').primaryKey(),
    streetId: text('street_id')
      .notNull()
      .references(() => streets.id),
    year: integer('year').notNull(),
    number: integer('number').notNull(),
    /** 第一批, or what staff call it */
    title: text('title').notNull(),
    /** null until published; then its proposals are public as a batch */
    publishedAt: ts('published_at'),
    publishedBy: text('published_by'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('batches_street_year_number_uq').on(t.streetId, t.year, t.number)],
);

/**
 * 认领: a partner's offer to take on a case (a company, a volunteer, a social organisation claims a
 * 微心愿). Made on the public claim page or by staff on the claimer's behalf; staff confirm one. The
 * claimer's name is public once confirmed; the contact person and phone are never public.
 */
export const claims = pgTable(
  'claims',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    claimerName: text('claimer_name').notNull(),
    claimerType: text('claimer_type', { enum: ['company', 'organisation', 'volunteer', 'individual'] }).notNull(),
    /** private: staff only */
    contactName: text('contact_name').notNull(),
    contactPhone: text('contact_phone').notNull(),
    note: text('note'),
    status: text('status', { enum: ['pending', 'confirmed', 'declined', 'withdrawn'] }).notNull().default('pending'),
    /** public: the claim page; staff: entered in the console for the claimer */
    source: text('source', { enum: ['public', 'staff'] }).notNull(),
    createdAt: createdAt(),
    decidedBy: text('decided_by'),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    index('claims_case_idx').on(t.caseId, t.status),
    // at most one confirmed claim per case
    uniqueIndex('claims_confirmed_uq')
      .on(t.caseId)
      .where(sql`status = 'confirmed'`),
  ],
);

/**
 * Where the money of a project or a wish comes from (资金来源): government (民生微实事 funds), social
 * money (an enterprise or foundation, named), the residents' own share, in-kind materials. In fen.
 */
export const caseFunding = pgTable(
  'case_funding',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    source: text('source', { enum: ['government', 'social', 'residents', 'in_kind'] }).notNull(),
    /** who gave it: required for social money and in-kind gifts, public */
    funder: text('funder'),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('case_funding_case_idx').on(t.caseId)],
);

/** The audit timeline of a case: every transition, note and milestone. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    at: createdAt(),
    actorType: text('actor_type', { enum: ['resident', 'staff', 'system'] }).notNull(),
    actorId: text('actor_id'),
    type: text('type').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    /** shown on the public page and pushed to subscribers */
    publicNote: text('public_note'),
    /** staff only */
    internalNote: text('internal_note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

export const caseMedia = pgTable(
  'case_media',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id').references(() => cases.id),
    eventId: bigint('event_id', { mode: 'number' }),
    /** path relative to MEDIA_DIR */
    path: text('path').notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    source: text('source', { enum: ['resident', 'staff'] }).notNull(),
    /**
     * shown on the public pages? A resident's photo waits for a staff member ('pending': faces,
     * number plates, the inside of a home); staff photos are 'shown'; 'hidden' is a refusal.
     */
    publicState: text('public_state', { enum: ['pending', 'shown', 'hidden'] }).notNull().default('pending'),
    moderatedBy: integer('moderated_by'),
    moderatedAt: ts('moderated_at'),
    createdAt: createdAt(),
  },
  (t) => [index('case_media_case_idx').on(t.caseId)],
);

export const milestones = pgTable(
  'milestones',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    date: ts('date').notNull(),
    note: text('note').notNull(),
    percent: integer('percent').notNull(),
    /** the milestone's timeline event: its photos are the case_media rows of this event (null before migration 0013 backfilled it) */
    eventId: bigint('event_id', { mode: 'number' }),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('milestones_case_idx').on(t.caseId)],
);

/**
 * 实施: who delivers a project after 公示 and when (src/civic/delivery). One row per proposal, set
 * and corrected by staff; the money paid stays cases.actual_cost (set on 完成), the figure the 报表 read.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    caseId: integer('case_id')
      .primaryKey()
      .references(() => cases.id),
    /** provider: a contracted company or organisation; street: the street office itself */
    implementerKind: text('implementer_kind', { enum: ['provider', 'street'] }).notNull(),
    implementerName: text('implementer_name').notNull(),
    /** fen (分) */
    contractAmount: bigint('contract_amount', { mode: 'number' }),
    /** China calendar days, YYYY-MM-DD */
    plannedStart: date('planned_start', { mode: 'string' }),
    plannedEnd: date('planned_end', { mode: 'string' }),
    actualStart: date('actual_start', { mode: 'string' }),
    actualEnd: date('actual_end', { mode: 'string' }),
    updatedBy: text('updated_by').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [check('deliveries_contract_amount', sql`${t.contractAmount} is null or ${t.contractAmount} >= 0`)],
);

/**
 * 验收: an acceptance of a delivered project (who accepted it, the day, passed or failed, notes, the
 * acceptance record as a file under MEDIA_DIR). A project moves to 完成 only when its latest
 * acceptance passed (the proposal's edge, src/civic/kinds/proposal.ts).
 */
export const acceptances = pgTable(
  'acceptances',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    acceptedOn: date('accepted_on', { mode: 'string' }).notNull(),
    /** who accepted it (an office, a committee, named people), public */
    acceptedBy: text('accepted_by').notNull(),
    result: text('result', { enum: ['passed', 'failed'] }).notNull(),
    notes: text('notes'),
    documentPath: text('document_path'),
    documentType: text('document_type'),
    documentSha256: text('document_sha256'),
    documentBytes: integer('document_bytes'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('acceptances_case_idx').on(t.caseId, t.id)],
);

/**
 * 满意度调查: a beneficiary's answer after a project is completed (满意 / 基本满意 / 不满意, with a
 * reason for 不满意). One per resident per case, changeable; the openid is never shown.
 */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    openid: text('openid').notNull(),
    answer: text('answer', { enum: ['satisfied', 'fair', 'dissatisfied'] }).notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.openid] })],
);

/** 第三方评估: an outside evaluator's record of a project (score 0–100, summary, the report as a file), public */
export const thirdPartyEvaluations = pgTable(
  'third_party_evaluations',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    evaluator: text('evaluator').notNull(),
    evaluatedOn: date('evaluated_on', { mode: 'string' }).notNull(),
    score: integer('score').notNull(),
    summary: text('summary').notNull(),
    reportPath: text('report_path'),
    reportType: text('report_type'),
    reportSha256: text('report_sha256'),
    reportBytes: integer('report_bytes'),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('third_party_evaluations_case_idx').on(t.caseId), check('third_party_evaluations_score', sql`${t.score} between 0 and 100`)],
);

export const subscriptions = pgTable(
  'subscriptions',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    openid: text('openid')
      .notNull()
      .references(() => residents.openid),
    /** author: filed it; supporter: 我也遇到 on a duplicate; follower: 订阅 N */
    role: text('role', { enum: ['author', 'supporter', 'follower'] }).notNull(),
    /**
     * 退订 N: no more pushes of this case. The row stays, so a supporter who stops the pushes still
     * counts as a supporter and an author stays the author; 订阅 N clears it.
     */
    muted: boolean('muted').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.openid] }), index('subscriptions_openid_idx').on(t.openid)],
);

export const communitySubscriptions = pgTable(
  'community_subscriptions',
  {
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    openid: text('openid')
      .notNull()
      .references(() => residents.openid),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.communityId, t.openid] })],
);

/** 评价 of a resolved report (satisfied) or 评议 of a completed project (score 1–5) */
export const evaluations = pgTable(
  'evaluations',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    openid: text('openid').notNull(),
    satisfied: boolean('satisfied'),
    score: integer('score'),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('evaluations_case_openid_uq').on(t.caseId, t.openid)],
);

/**
 * 公示异议: a resident's objection to a project in 公示, answered by staff one by one. The openid is
 * private (the objector is pushed the answer; the public page shows the reason and the answer, never
 * who). An open objection keeps the project from 开始实施 (civic/publicity.ts checkPublicityOver).
 */
export const proposalObjections = pgTable(
  'proposal_objections',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    openid: text('openid').notNull(),
    /** the resident's words, cleaned (civic/text.ts neutralise) */
    reason: text('reason').notNull(),
    /** superseded: still open when the project went back to review (civic/objection-count.ts) */
    status: text('status', { enum: ['open', 'accepted', 'rejected', 'superseded'] })
      .notNull()
      .default('open'),
    /** the staff answer: public, and pushed to the objector */
    answer: text('answer'),
    answeredBy: text('answered_by'),
    answeredAt: ts('answered_at'),
    createdAt: createdAt(),
  },
  (t) => [index('proposal_objections_case_idx').on(t.caseId, t.status)],
);

/**
 * 居民议事会: a council meeting of one community and what it decided (src/civic/council). The
 * attendees are counts by group, never names; the minutes are a file under MEDIA_DIR, stored as
 * staff photos are (YYYY/MM/<sha256>.<ext>).
 */
export const councilMeetings = pgTable(
  'council_meetings',
  {
    id: serial('id').primaryKey(),
    streetId: text('street_id')
      .notNull()
      .references(() => streets.id),
    communityId: text('community_id')
      .notNull()
      .references(() => communities.id),
    /** the day it met (China's calendar day) */
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** what it is called or where it met (e.g. 2026年第四季度居民议事会, 社区党群服务中心) */
    title: text('title').notNull(),
    /** 党组织 */
    partyCount: integer('party_count').notNull().default(0),
    /** 居委会 */
    committeeCount: integer('committee_count').notNull().default(0),
    /** 工作站 */
    workstationCount: integer('workstation_count').notNull().default(0),
    /** 居民代表 */
    residentsCount: integer('residents_count').notNull().default(0),
    /** 专家 */
    expertsCount: integer('experts_count').notNull().default(0),
    /** 人大代表 / 政协委员 */
    deputiesCount: integer('deputies_count').notNull().default(0),
    /** the minutes (会议纪要): path relative to MEDIA_DIR, null until uploaded */
    minutesPath: text('minutes_path'),
    minutesType: text('minutes_type'),
    minutesSha256: text('minutes_sha256'),
    minutesBytes: integer('minutes_bytes'),
    /** the staff account that recorded it (actor id) */
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('council_meetings_community_idx').on(t.communityId, t.heldOn), index('council_meetings_street_idx').on(t.streetId)],
);

/** what one meeting decided of one proposal; the status move itself is the case's event (eventId) */
export const councilDecisions = pgTable(
  'council_decisions',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id')
      .notNull()
      .references(() => councilMeetings.id),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id),
    outcome: text('outcome', { enum: ['approved', 'reserve', 'declined'] }).notNull(),
    votesFor: integer('votes_for'),
    votesAgainst: integer('votes_against'),
    votesAbstain: integer('votes_abstain'),
    /** fen (分), approved only */
    approvedCost: bigint('approved_cost', { mode: 'number' }),
    /** why not, declined only (public) */
    reason: text('reason'),
    /** residents who supported it (支持 N) when the meeting decided */
    supportCount: integer('support_count').notNull(),
    /** the status_changed event of the decision */
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('council_decisions_meeting_case_uq').on(t.meetingId, t.caseId),
    index('council_decisions_case_idx').on(t.caseId),
    check('council_decisions_cost', sql`(${t.outcome} = 'approved') = (${t.approvedCost} is not null)`),
    check('council_decisions_reason', sql`${t.outcome} <> 'declined' or ${t.reason} is not null`),
  ],
);

/** Pushes to send, written in the same transaction as the change that caused them. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    openid: text('openid').notNull(),
    caseId: integer('case_id'),
    eventId: bigint('event_id', { mode: 'number' }),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** unique: a retried transaction or worker can never queue the same push twice */
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'held', 'dead'] })
      .notNull()
      .default('pending'),
    channel: text('channel'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    uniqueIndex('outbox_idempotency_uq').on(t.idempotencyKey),
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_openid_idx').on(t.openid, t.status),
  ],
);

export * from './residents-schema.js';
export * from './staff-schema.js';
