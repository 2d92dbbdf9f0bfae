import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { thirdPartyEvaluations } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { chinaDate } from '../calendar.js';
import type { Actor, CivicContext } from '../context.js';
import { parseInput } from '../intake.js';
import type { CaseRow } from '../kinds/kind.js';
import { sideActionWhere } from '../kinds/registry.js';
import { claimCase } from '../lifecycle/claim.js';
import { insertEvent, loadCase } from '../lifecycle/events.js';
import { civicTexts } from '../texts.js';
import type { StoredDocument } from './stored-file.js';

export const thirdPartyEvaluationSchema = z.object({
  caseId: z.number().int().positive(),
  /** the evaluating organisation: public */
  evaluator: z.string().trim().min(1).max(100),
  /** YYYY-MM-DD (China) */
  evaluatedOn: z.iso.date(),
  score: z.number().int().min(0).max(100),
  summary: z.string().trim().min(1).max(2000),
});
export type ThirdPartyEvaluationInput = z.input<typeof thirdPartyEvaluationSchema>;
export type ThirdPartyEvaluation = typeof thirdPartyEvaluations.$inferSelect;

type Authorize = (row: CaseRow) => void | Promise<void>;

export const thirdPartyEvaluationsOf = (db: Db, caseId: number): Promise<ThirdPartyEvaluation[]> =>
  db.select().from(thirdPartyEvaluations).where(eq(thirdPartyEvaluations.caseId, caseId)).orderBy(asc(thirdPartyEvaluations.id));

/**
 * 第三方评估: an outside evaluator's record of a completed project (score 0–100, a summary; the
 * report file attached afterwards), as Taoyuan publishes yearly. Public on the case page. Scope
 * (`authorize`) inside the transaction; an internal timeline event.
 */
export async function recordThirdPartyEvaluation(
  db: Db,
  input: ThirdPartyEvaluationInput & { actor: Actor; authorize?: Authorize },
  ctx: CivicContext,
): Promise<{ evaluation: ThirdPartyEvaluation; eventId: number }> {
  const e = parseInput(thirdPartyEvaluationSchema, input, civicTexts.inputWhat.thirdPartyEvaluation);
  if (e.evaluatedOn > chinaDate(ctx.now)) throw new AppError('bad_request', civicTexts.errors.futureDate, { reason: 'future_date' });
  return db.transaction(async (tx) => {
    const row = await claimCase(tx, { caseId: e.caseId, now: ctx.now, allowed: sideActionWhere('evaluation'), action: civicTexts.actions.evaluation });
    if (input.authorize) await input.authorize(row);
    const [evaluation] = await tx
      .insert(thirdPartyEvaluations)
      .values({ ...e, createdBy: input.actor.id, createdAt: ctx.now })
      .returning();
    const eventId = await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: input.actor,
      type: 'evaluation',
      data: { evaluationId: evaluation!.id, evaluator: e.evaluator, score: e.score },
    });
    return { evaluation: evaluation!, eventId };
  });
}

/** 评估报告: attaches (or replaces) the report file after the scope check on its case, inside the transaction */
export async function attachEvaluationReport(
  db: Db,
  input: { caseId: number; evaluationId: number; file: StoredDocument; authorize?: Authorize },
): Promise<{ replaced: string | null }> {
  return db.transaction(async (tx) => {
    const [ev] = await tx.select().from(thirdPartyEvaluations).where(eq(thirdPartyEvaluations.id, input.evaluationId));
    if (!ev || ev.caseId !== input.caseId) throw new AppError('not_found', civicTexts.errors.evaluationNotFound, { reason: 'unknown_evaluation' });
    if (input.authorize) await input.authorize(await loadCase(tx, ev.caseId));
    await tx
      .update(thirdPartyEvaluations)
      .set({ reportPath: input.file.path, reportType: input.file.contentType, reportSha256: input.file.sha256, reportBytes: input.file.bytes })
      .where(eq(thirdPartyEvaluations.id, ev.id));
    return { replaced: ev.reportPath };
  });
}
