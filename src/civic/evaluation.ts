import { and, eq, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { cases, evaluations } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { CivicContext } from './context.js';
import { parseInput } from './intake.js';
import { caseStatusWhere, kindModule, statusAttrs } from './kinds/registry.js';
import { insertEvent, loadCase } from './lifecycle/events.js';
import { transitionInTx, type TransitionResult } from './lifecycle/transition.js';
import { ensureResident } from './residents.js';
import { civicTexts, fill } from './texts.js';

const err = civicTexts.errors;

const feedbackSchema = z.object({
  caseId: z.number().int().positive(),
  openid: z.string().min(1),
  satisfied: z.boolean(),
  comment: z.string().trim().max(500).optional(),
});
export type ReportFeedback = z.input<typeof feedbackSchema>;

/**
 * 评价 of a resolved report by the resident who filed it, in one transaction: the verdict is stored
 * (the latest one per resident; every verdict stays on the timeline as the transition's data), then
 * the case moves as its kind's `feedback` says: satisfied → closed; not satisfied → in_progress again
 * (不满意重办) with the resident's words as the public note, pushed to the other subscribers.
 */
export async function recordReportFeedback(
  db: Db,
  input: ReportFeedback,
  ctx: CivicContext,
): Promise<TransitionResult> {
  const f = parseInput(feedbackSchema, input, civicTexts.inputWhat.feedback);
  const comment = f.comment || undefined;
  if (!f.satisfied && !comment)
    throw new AppError('bad_request', err.feedbackCommentRequired, { reason: 'comment_required' });
  return db.transaction(async (tx) => {
    const row = await loadCase(tx, f.caseId);
    const outcome = kindModule(row.kind).feedback;
    if (!outcome) throw new AppError('bad_request', err.feedbackNotReport, { reason: 'not_a_report' });
    if (row.openid !== f.openid) throw new AppError('forbidden', err.feedbackNotAuthor, { reason: 'not_author' });
    if (statusAttrs(row.kind, row.status)?.asks !== 'feedback')
      throw new AppError('conflict', err.feedbackNotResolved, { reason: 'not_resolved' });
    await tx
      .insert(evaluations)
      .values({ caseId: f.caseId, openid: f.openid, satisfied: f.satisfied, comment: comment ?? null, createdAt: ctx.now })
      .onConflictDoUpdate({
        target: [evaluations.caseId, evaluations.openid],
        set: { satisfied: f.satisfied, comment: comment ?? null, createdAt: ctx.now },
      });
    return transitionInTx(
      tx,
      {
        caseId: f.caseId,
        from: row.status,
        to: f.satisfied ? outcome.satisfied : outcome.dissatisfied,
        actor: { type: 'resident', id: f.openid },
        publicNote: f.satisfied ? comment : fill(civicTexts.notes.dissatisfied, { comment: comment! }),
        data: { satisfied: f.satisfied },
      },
      ctx,
    );
  });
}

const ratingSchema = z.object({
  caseId: z.number().int().positive(),
  openid: z.string().min(1),
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).optional(),
});
export type ProjectRating = z.input<typeof ratingSchema>;

/** 评议 of a completed project: a score 1–5 per resident, once (a second one is AppError 'conflict'). */
export async function recordProjectRating(
  db: Db,
  input: ProjectRating,
  ctx: CivicContext,
): Promise<{ average: number | null; count: number }> {
  const r = parseInput(ratingSchema, input, civicTexts.inputWhat.rating);
  await db.transaction(async (tx) => {
    const row = await loadCase(tx, r.caseId);
    if (!Object.values(kindModule(row.kind).lifecycle.statuses).some((a) => a.asks === 'rating'))
      throw new AppError('bad_request', err.ratingNotProject, { reason: 'not_a_project' });
    if (statusAttrs(row.kind, row.status)?.asks !== 'rating')
      throw new AppError('conflict', err.ratingNotCompleted, { reason: 'not_completed' });
    await ensureResident(tx, r.openid, ctx.now);
    const [ins] = await tx
      .insert(evaluations)
      .values({ caseId: r.caseId, openid: r.openid, score: r.score, comment: r.comment || null, createdAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: evaluations.id });
    if (!ins) throw new AppError('conflict', err.ratingAlready, { reason: 'already_rated' });
    await insertEvent(tx, {
      caseId: r.caseId,
      at: ctx.now,
      actor: { type: 'resident', id: r.openid },
      type: 'rating',
      internalNote: r.comment || null,
      data: { score: r.score },
    });
  });
  return projectRating(db, r.caseId);
}

/** the average score (one decimal) and the number of residents who rated a project */
export async function projectRating(db: Db, caseId: number): Promise<{ average: number | null; count: number }> {
  const [row] = await db
    .select({ n: sql<number>`count(${evaluations.score})::int`, avg: sql<string | null>`avg(${evaluations.score})::text` })
    .from(evaluations)
    .where(eq(evaluations.caseId, caseId));
  const count = Number(row?.n ?? 0);
  return { count, average: count && row?.avg != null ? Math.round(Number(row.avg) * 10) / 10 : null };
}

/**
 * Closes resolved reports the resident did not answer within `olderThanDays` days of resolution
 * (system actor, public note, pushed). Each case in its own transaction; a case answered meanwhile
 * is skipped. Returns the closed case ids.
 */
export async function closeUnansweredResolved(
  db: Db,
  q: { olderThanDays: number; now: Date; limit?: number },
): Promise<number[]> {
  const cutoff = new Date(q.now.getTime() - q.olderThanDays * 86_400_000);
  const due = await db
    .select({ id: cases.id, kind: cases.kind, status: cases.status })
    .from(cases)
    .where(and(caseStatusWhere((a) => a.asks === 'feedback'), lte(cases.resolvedAt, cutoff)))
    .orderBy(cases.resolvedAt)
    .limit(q.limit ?? 500);
  const closed: number[] = [];
  for (const { id, kind, status } of due) {
    const to = kindModule(kind).feedback?.satisfied;
    if (!to) continue;
    try {
      await db.transaction((tx) =>
        transitionInTx(
          tx,
          {
            caseId: id,
            from: status,
            to,
            actor: { type: 'system', id: 'auto-close' },
            publicNote: fill(civicTexts.notes.autoClosed, { days: q.olderThanDays }),
          },
          { now: q.now },
        ),
      );
      closed.push(id);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'conflict')) throw e;
    }
  }
  return closed;
}
