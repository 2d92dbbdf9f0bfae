import { z } from 'zod';
import type { Db } from '../db/client.js';
import { addWorkingDays } from './calendar.js';
import { calendarOf, categoriesOf, type CivicContext } from './context.js';
import { createCase, locationSchema, parseInput, type SubmitResult } from './intake.js';
import { loadCase } from './lifecycle/events.js';
import { reportLifecycle } from './lifecycle/report.js';
import { photoSchema } from './media.js';
import { civicTexts } from './texts.js';

export const phoneSchema = z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/);

export const reportInputSchema = z.object({
  openid: z.string().min(1),
  /** dedupe key of the message that confirmed the report (MsgId, or the event key) */
  sourceKey: z.string().min(1).max(200),
  /** category id or name from flows/categories.yaml; the case stores the id */
  category: z.string().min(1),
  description: z.string().trim().min(1).max(2000),
  location: locationSchema.optional(),
  photos: z.array(photoSchema).max(9).default([]),
  phone: phoneSchema.optional(),
  /** default: the community the resident is bound to (required one way or the other) */
  communityId: z.string().min(1).optional(),
});
export type ReportInput = z.input<typeof reportInputSchema>;

export interface ReportSubmitResult extends SubmitResult {
  /** expected resolution (end of the Nth working day); of the existing case when created is false */
  dueAt: Date | null;
}

/**
 * 报修: files a report (status submitted) with its due date from the category's working days, the
 * 'created' event, photos and the author's subscription, in one transaction; idempotent on sourceKey.
 */
export async function submitReport(db: Db, input: ReportInput, ctx: CivicContext): Promise<ReportSubmitResult> {
  const i = parseInput(reportInputSchema, input, civicTexts.inputWhat.report);
  const category = categoriesOf(ctx).get(i.category);
  const dueAt = addWorkingDays(ctx.now, category.dueWorkingDays, calendarOf(ctx));
  const r = await createCase(db, {
    openid: i.openid,
    sourceKey: i.sourceKey,
    communityId: i.communityId,
    phone: i.phone,
    photos: i.photos,
    now: ctx.now,
    values: {
      kind: 'report',
      status: reportLifecycle.initial,
      category: category.id,
      description: i.description,
      lat: i.location?.lat ?? null,
      lng: i.location?.lng ?? null,
      locationLabel: i.location?.label ?? null,
      dueAt,
    },
  });
  if (r.created) return { ...r, dueAt };
  return { ...r, dueAt: (await loadCase(db, r.caseId)).dueAt };
}
