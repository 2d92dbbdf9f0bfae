import { and, eq, gte } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { milestones } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { categoriesOf, type Actor, type CivicContext } from '../context.js';
import { parseInput } from '../intake.js';
import { insertMedia, photoSchema } from '../media.js';
import { casePayload, queueCasePush } from '../outbox.js';
import { civicTexts } from '../texts.js';
import { sideActionWhere } from '../kinds/registry.js';
import { claimCase } from './claim.js';
import { insertEvent } from './events.js';
import type { CaseRow } from '../kinds/kind.js';

const milestoneSchema = z.object({
  caseId: z.number().int().positive(),
  date: z.coerce.date(),
  note: z.string().trim().min(1).max(500),
  percent: z.number().int().min(0).max(100),
  photos: z.array(photoSchema).max(9).default([]),
});
export type MilestoneInput = z.input<typeof milestoneSchema> & {
  actor: Actor;
  authorize?: (row: CaseRow) => void | Promise<void>;
};

/** how long an identical milestone counts as the same one sent twice (a double click, a resend after a slow answer) */
export const MILESTONE_REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * 实施进度: a dated milestone (note, percent done, photos) of a project being implemented. Public:
 * on the timeline and pushed to subscribers (outbox kind case_update), in one transaction. The same
 * milestone (date, percent, words) again within MILESTONE_REPEAT_WINDOW_MS is refused (AppError
 * 'conflict', reason 'repeated'): residents would get the same push twice. claimCase holds the
 * case's row, so two copies sent at once cannot both pass the check.
 */
export async function addMilestone(
  db: Db,
  input: MilestoneInput,
  ctx: CivicContext,
): Promise<{ milestoneId: number; eventId: number; queued: number }> {
  const m = parseInput(milestoneSchema, input, civicTexts.inputWhat.milestone);
  return db.transaction(async (tx) => {
    const row = await claimCase(tx, { caseId: m.caseId, now: ctx.now, allowed: sideActionWhere('milestone'), action: civicTexts.actions.milestone });
    if (input.authorize) await input.authorize(row);
    const [same] = await tx
      .select({ id: milestones.id })
      .from(milestones)
      .where(
        and(
          eq(milestones.caseId, row.id),
          eq(milestones.date, m.date),
          eq(milestones.note, m.note),
          eq(milestones.percent, m.percent),
          gte(milestones.createdAt, new Date(ctx.now.getTime() - MILESTONE_REPEAT_WINDOW_MS)),
        ),
      )
      .limit(1);
    if (same) throw new AppError('conflict', civicTexts.errors.milestoneRepeated, { reason: 'repeated' });
    const [ms] = await tx
      .insert(milestones)
      .values({ caseId: row.id, date: m.date, note: m.note, percent: m.percent, createdBy: input.actor.id, createdAt: ctx.now })
      .returning({ id: milestones.id });
    const eventId = await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: input.actor,
      type: 'milestone',
      publicNote: m.note,
      data: { milestoneId: ms!.id, date: m.date.toISOString(), percent: m.percent, photos: m.photos.length },
    });
    await tx.update(milestones).set({ eventId }).where(eq(milestones.id, ms!.id));
    await insertMedia(tx, { caseId: row.id, eventId, photos: m.photos, source: 'staff', now: ctx.now });
    const payload = casePayload(row, 'milestone', ctx.now, { publicNote: m.note, percent: m.percent }, categoriesOf(ctx));
    const queued = await queueCasePush(tx, { kind: 'case_update', row, eventId, payload, now: ctx.now });
    return { milestoneId: ms!.id, eventId, queued };
  });
}
