import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, serial, text } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns.js';
import { cases } from './cases-schema.js';

/** A project's delivery after 公示: who carries it out, 验收, the 满意度调查 and 第三方评估 (issue 14, items 5–6). */

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
