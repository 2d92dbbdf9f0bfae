import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

import { createdAt, ts } from './columns.js';
import { cases } from './cases-schema.js';
import { communities, residents } from './residents-schema.js';

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
    actorType: text('actor_type', { enum: ['resident', 'staff', 'system', 'partner'] }).notNull(),
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

export * from './budgets-schema.js';
export * from './cases-schema.js';
export * from './council-schema.js';
export * from './delivery-schema.js';
export * from './media-schema.js';
export * from './residents-schema.js';
export * from './staff-schema.js';
export * from './voice-schema.js';
export * from './open311-schema.js';
