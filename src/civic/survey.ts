import { and, desc, eq, isNull, like, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { cases, communitySubscriptions, outbox, subscriptions, surveyAnswers } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { CivicContext } from './context.js';
import { parseInput } from './intake.js';
import type { CaseRow } from './kinds/kind.js';
import { sideActionStatuses } from './kinds/registry.js';
import { loadCase } from './lifecycle/events.js';
import { SURVEY_ASK_PREFIX } from './survey-recipients.js';
import { civicTexts, fill } from './texts.js';

/** 满意 / 基本满意 / 不满意 */
export const SURVEY_ANSWERS = ['satisfied', 'fair', 'dissatisfied'] as const;
export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];

export const surveyAnswerSchema = z.object({
  caseId: z.number().int().positive(),
  openid: z.string().min(1),
  answer: z.enum(SURVEY_ANSWERS),
  reason: z.string().trim().max(500).optional(),
});
export type SurveyAnswerInput = z.input<typeof surveyAnswerSchema>;

/**
 * The projects whose survey push asked `openid` and that they have not answered while it is open,
 * newest ask first (at most 5): what a bare 「满意」 replying to the push means.
 */
export async function pendingSurveys(db: Db, openid: string): Promise<number[]> {
  const rows = await db
    .select({ row: cases })
    .from(outbox)
    .innerJoin(cases, eq(cases.id, outbox.caseId))
    .leftJoin(surveyAnswers, and(eq(surveyAnswers.caseId, outbox.caseId), eq(surveyAnswers.openid, openid)))
    .where(and(eq(outbox.openid, openid), like(outbox.idempotencyKey, `${SURVEY_ASK_PREFIX}%`), isNull(surveyAnswers.caseId)))
    .orderBy(desc(outbox.id))
    .limit(20);
  return rows.filter((r) => surveyOpen(r.row)).map((r) => r.row.id).slice(0, 5);
}

/** a case whose beneficiaries are asked now: its kind's sideActions.survey (a project 完成 or 已评议) */
const surveyOpen = (row: CaseRow): boolean => sideActionStatuses(row.kind, 'survey').includes(row.status);

/**
 * who is asked: the proposer, the supporters and followers of the case (even those who muted its
 * pushes: they are still its beneficiaries), and the residents who follow the case's community
 */
async function isBeneficiary(db: Db, row: CaseRow, openid: string): Promise<boolean> {
  const [sub] = await db.select({ openid: subscriptions.openid }).from(subscriptions).where(and(eq(subscriptions.caseId, row.id), eq(subscriptions.openid, openid)));
  if (sub) return true;
  if (!row.communityId) return false;
  const [c] = await db
    .select({ openid: communitySubscriptions.openid })
    .from(communitySubscriptions)
    .where(and(eq(communitySubscriptions.communityId, row.communityId), eq(communitySubscriptions.openid, openid)));
  return !!c;
}

/**
 * Whether the resident may answer about the case now: AppError bad_request (not completed, or not a
 * project) or forbidden (not one of its beneficiaries) in words residents read; nothing when they may.
 */
export async function checkSurvey(db: Db, caseId: number, openid: string): Promise<CaseRow> {
  const row = await loadCase(db, caseId);
  if (!surveyOpen(row)) throw new AppError('bad_request', fill(civicTexts.errors.surveyNotOpen, { number: row.id }), { reason: 'survey_not_open' });
  if (!(await isBeneficiary(db, row, openid)))
    throw new AppError('forbidden', fill(civicTexts.errors.surveyNotBeneficiary, { number: row.id }), { reason: 'not_beneficiary' });
  return row;
}

/**
 * 满意度调查: a beneficiary's answer about a completed project, one per resident and case: a second
 * answer replaces the first. 不满意 needs a reason (AppError bad_request, reason 'reason_required':
 * the bot asks for it). Returns the answer it replaced, if any.
 */
export async function answerSurvey(db: Db, input: SurveyAnswerInput, ctx: CivicContext): Promise<{ previous: SurveyAnswer | null }> {
  const a = parseInput(surveyAnswerSchema, input, civicTexts.inputWhat.survey);
  return db.transaction(async (tx) => {
    const row = await checkSurvey(tx, a.caseId, a.openid);
    const reason = a.reason || null;
    if (a.answer === 'dissatisfied' && !reason) throw new AppError('bad_request', civicTexts.errors.surveyReasonRequired, { reason: 'reason_required' });
    const [before] = await tx
      .select({ answer: surveyAnswers.answer })
      .from(surveyAnswers)
      .where(and(eq(surveyAnswers.caseId, row.id), eq(surveyAnswers.openid, a.openid)))
      .for('update');
    await tx
      .insert(surveyAnswers)
      .values({ caseId: row.id, openid: a.openid, answer: a.answer, reason, createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoUpdate({ target: [surveyAnswers.caseId, surveyAnswers.openid], set: { answer: a.answer, reason, updatedAt: ctx.now } });
    return { previous: before?.answer ?? null };
  });
}

export interface SurveyTally {
  satisfied: number;
  fair: number;
  dissatisfied: number;
  /** the reasons of 不满意, the latest first (the resident's words, never who) */
  reasons: string[];
}

/** the answers of one case, counted */
export async function surveyTally(db: Db, caseId: number): Promise<SurveyTally> {
  const rows = await db
    .select({ answer: surveyAnswers.answer, reason: surveyAnswers.reason })
    .from(surveyAnswers)
    .where(eq(surveyAnswers.caseId, caseId))
    .orderBy(sql`${surveyAnswers.updatedAt} desc`);
  const t: SurveyTally = { satisfied: 0, fair: 0, dissatisfied: 0, reasons: [] };
  for (const r of rows) {
    t[r.answer] += 1;
    if (r.answer === 'dissatisfied' && r.reason) t.reasons.push(r.reason);
  }
  return t;
}
