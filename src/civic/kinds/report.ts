import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { formatDate } from '../../texts/format.js';
import { fill } from '../../texts/text-spec.js';
import { addWorkingDays } from '../calendar.js';
import { dangerIn } from '../categories.js';
import { calendarOf, categoriesOf, type CivicContext } from '../context.js';
import { createCase, locationSchema, parseInput, filingSchema } from '../intake.js';
import { insertEvent, loadCase } from '../lifecycle/events.js';
import { photoSchema } from '../media.js';
import { excerpt, maskPhones } from '../text.js';
import { moveSubscribers } from '../subscriptions.js';
import { civicTexts } from '../texts.js';
import { defineKind, edge, type Filed } from './kind.js';
import { refusal } from './refusal.js';
import { communitySlot, locationSlot, textSlot } from './slots.js';

export const phoneSchema = z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/);

export const reportInputSchema = z.object({
  /** the resident, when known; absent only when filed on someone's behalf */
  openid: z.string().min(1).optional(),
  filing: filingSchema.optional(),
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
  /** the community is not known (不清楚): this street sorts it out (null: not even the street) */
  triageStreetId: z.string().min(1).nullable().optional(),
});
export type ReportInput = z.input<typeof reportInputSchema>;

/**
 * 报修: files a report (status submitted) with its due date from the category's working days, the
 * 'created' event, photos and the author's subscription, in one transaction; idempotent on sourceKey.
 * The due date is of the existing case when the source had already filed it.
 */
export async function submitReport(db: Db, input: ReportInput, ctx: CivicContext): Promise<Filed & { dueAt: Date | null }> {
  const i = parseInput(reportInputSchema, input, civicTexts.inputWhat.report);
  const category = categoriesOf(ctx).get(i.category);
  // a danger (倒树压线, 井盖缺失) is due within hours, whatever the calendar says
  const urgent = dangerIn(category, i.description) !== undefined;
  const dueAt = urgent ? new Date(ctx.now.getTime() + category.danger!.dueHours * 3_600_000) : addWorkingDays(ctx.now, category.dueWorkingDays, calendarOf(ctx));
  const r = await createCase(
    db,
    i,
    {
      kind: 'report',
      status: report.lifecycle.initial,
      category: category.id,
      description: i.description,
      lat: i.location?.lat ?? null,
      lng: i.location?.lng ?? null,
      locationLabel: i.location?.label ?? null,
      dueAt,
      urgent,
    },
    ctx.now,
  );
  if (r.created) return { ...r, dueAt };
  return { ...r, dueAt: (await loadCase(db, r.caseId)).dueAt };
}

const text = z.string().trim().min(1);

/**
 * A problem report, the 12345 closed loop (受理 → 办理 → 办结 → 评价, 不满意重办):
 *
 *   submitted ──▶ accepted ──▶ in_progress ──▶ resolved ──▶ closed
 *       │            │  └──────────────────────▲   │  ▲
 *       ▼            ▼                             ▼  (resident satisfied, or no answer in time)
 *    rejected     rejected               in_progress (不满意重办, the resident's words as the note)
 *   submitted | accepted | in_progress ──▶ duplicate (已合并 into another report; subscribers move)
 *
 * 转办 (transfer to another department) is an event, not a status: the case stays accepted or
 * in_progress with a new assignee, its due date keeps running, and subscribers are told
 * (lifecycle/transfer.ts). A status would have needed a way back and would hide the real stage.
 */
export const report = defineKind({
  kind: 'report',
  lifecycle: {
    statuses: {
      submitted: { open: true, phase: 'new', step: 0, public: true },
      accepted: { open: true, phase: 'confirmed', step: 1, public: true },
      in_progress: { open: true, phase: 'working', step: 2, public: true },
      resolved: { open: false, phase: 'done', step: 3, public: true, asks: 'feedback' },
      closed: { open: false, phase: 'done', step: 4, public: true },
      rejected: { open: false, phase: 'off', step: 0, public: true },
      duplicate: { open: false, phase: 'off', step: 0, public: true },
    },
    initial: 'submitted',
    steps: ['submitted', 'accepted', 'in_progress', 'resolved', 'closed'],
    sideActions: { assign: ['submitted', 'accepted', 'in_progress'], transfer: ['accepted', 'in_progress'] },
    edges: [
      edge({
        from: ['submitted'],
        to: 'accepted',
        actors: ['staff'],
        public: true,
        data: z.object({ assignee: text, dueAt: z.coerce.date().optional() }),
        apply: (d, c) => {
          const dueAt = d.dueAt ?? c.row.dueAt;
          if (!dueAt) throw new AppError('bad_request', c.texts.errors.dueRequired, { reason: 'due_required' });
          return { assignee: d.assignee, dueAt, acceptedAt: c.now };
        },
      }),
      refusal(['submitted', 'accepted'], 'rejected', (e) => e.rejectReasonRequired),
      edge({ from: ['accepted'], to: 'in_progress', actors: ['staff'], public: true }),
      edge({ from: ['accepted', 'in_progress'], to: 'resolved', actors: ['staff'], public: true, apply: (_d, c) => ({ resolvedAt: c.now }) }),
      edge({ from: ['resolved'], to: 'closed', actors: ['resident', 'staff', 'system'], public: true }),
      edge({
        from: ['resolved'],
        to: 'in_progress',
        key: 'resolved>in_progress',
        actors: ['resident', 'staff'],
        public: true,
        publicNote: 'required',
        apply: () => ({ resolvedAt: null }),
      }),
      edge({
        from: ['submitted', 'accepted', 'in_progress'],
        to: 'duplicate',
        actors: ['staff'],
        public: true,
        data: z.object({ duplicateOf: z.coerce.number().int().positive() }),
        touches: (d) => [d.duplicateOf],
        apply: async (d, c) => {
          const err = c.texts.errors;
          if (d.duplicateOf === c.row.id) throw new AppError('bad_request', err.selfDuplicate, { reason: 'self_duplicate' });
          const [target] = await c.tx.select({ kind: cases.kind, status: cases.status }).from(cases).where(eq(cases.id, d.duplicateOf));
          if (!target || target.kind !== c.row.kind)
            throw new AppError('bad_request', fill(err.unknownDuplicateTarget, { number: d.duplicateOf }), { reason: 'unknown_target' });
          if (target.status === 'duplicate' || target.status === 'rejected')
            throw new AppError('bad_request', fill(err.badDuplicateTarget, { number: d.duplicateOf }), { reason: 'bad_target' });
          return { duplicateOf: d.duplicateOf };
        },
        after: async (d, c) => {
          const moved = await moveSubscribers(c.tx, c.row.id, d.duplicateOf, c.now);
          await insertEvent(c.tx, {
            caseId: d.duplicateOf,
            at: c.now,
            actor: { type: 'system', id: 'merge' },
            type: 'note',
            internalNote: fill(c.texts.staff.internal.merged, { number: c.row.id }),
            data: { merged: c.row.id, eventId: c.eventId, subscribersMoved: moved },
          });
        },
      }),
    ],
  },
  features: { due: true, budget: false, support: true, value: false, funding: false, category: true, reviewedText: true },
  feedback: { satisfied: 'closed', dissatisfied: 'in_progress' },
  texts: {
    filed: ['number', 'due'],
    filedNoDue: ['number'],
  },
  slots: z.object({
    category: textSlot.transform((c) => c ?? 'other'),
    description: textSlot.transform((d) => d ?? ''),
    location: locationSlot,
    phone: textSlot,
    community: communitySlot,
  }).transform(({ community, ...s }) => ({ ...s, ...community })),
  submit: (db, input, ctx) => submitReport(db, input, ctx),
  receipt: (f, t, now) => (f.dueAt ? fill(t.filed, { number: f.caseId, due: formatDate(f.dueAt, now) }) : fill(t.filedNoDue, { number: f.caseId })),
  title: (row, categories) => {
    const desc = maskPhones(row.description);
    return excerpt(row.category ? `${categories.nameOf(row.category)}：${desc}` : desc, 20);
  },
});
