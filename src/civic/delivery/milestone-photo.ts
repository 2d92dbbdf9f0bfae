import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { caseMedia, milestones } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor, CivicContext } from '../context.js';
import type { CaseRow } from '../kinds/kind.js';
import { sideActionWhere } from '../kinds/registry.js';
import { claimCase } from '../lifecycle/claim.js';
import { parseInput } from '../intake.js';
import { photoSchema, type PhotoInput } from '../media.js';
import { civicTexts } from '../texts.js';

/**
 * 进度照片: a staff photo added to a milestone already recorded (the console uploads one at a
 * time). It joins the milestone's timeline event as its other photos do, shown on the public page
 * at once (staff photos need no review). The case is claimed in the statuses of
 * sideActions.delivery and `authorize` runs on it inside the transaction.
 */
export async function addMilestonePhoto(
  db: Db,
  input: { caseId: number; milestoneId: number; photo: PhotoInput; actor: Actor; authorize?: (row: CaseRow) => void | Promise<void> },
  ctx: CivicContext,
): Promise<{ mediaId: number; eventId: number }> {
  const photo = parseInput(photoSchema, input.photo, civicTexts.inputWhat.milestone);
  return db.transaction(async (tx) => {
    const row = await claimCase(tx, { caseId: input.caseId, now: ctx.now, allowed: sideActionWhere('delivery'), action: civicTexts.actions.milestonePhoto });
    if (input.authorize) await input.authorize(row);
    const [ms] = await tx
      .select()
      .from(milestones)
      .where(and(eq(milestones.id, input.milestoneId), eq(milestones.caseId, row.id)));
    if (!ms?.eventId) throw new AppError('not_found', civicTexts.errors.milestoneNotFound, { reason: 'unknown_milestone' });
    const [m] = await tx
      .insert(caseMedia)
      .values({
        caseId: row.id,
        eventId: ms.eventId,
        path: photo.path,
        sha256: photo.sha256.toLowerCase(),
        bytes: photo.bytes,
        contentType: photo.contentType,
        source: 'staff',
        publicState: 'shown',
        createdAt: ctx.now,
      })
      .returning({ id: caseMedia.id });
    return { mediaId: m!.id, eventId: ms.eventId };
  });
}

/** the milestones of a case with the ids of their photos, oldest first */
export async function milestonesOf(db: Db, caseId: number): Promise<Array<typeof milestones.$inferSelect & { photoIds: number[] }>> {
  const rows = await db.select().from(milestones).where(eq(milestones.caseId, caseId)).orderBy(milestones.date, milestones.id);
  const media = await db.select({ id: caseMedia.id, eventId: caseMedia.eventId }).from(caseMedia).where(eq(caseMedia.caseId, caseId)).orderBy(caseMedia.id);
  return rows.map((r) => ({ ...r, photoIds: media.filter((m) => r.eventId !== null && m.eventId === r.eventId).map((m) => m.id) }));
}
