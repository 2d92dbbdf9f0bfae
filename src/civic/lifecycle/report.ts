import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { moveSubscribers } from '../subscriptions.js';
import { civicTexts, fill } from '../texts.js';
import { insertEvent } from './events.js';
import type { ReportStatus } from './status-keys.js';
import { edge, type Lifecycle } from './types.js';

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
 * (see transfer.ts). A status would have needed a way back and would hide the real stage.
 */
/** status key → the label residents read (flows/civic.zh-CN.yaml `status.report`) */
export const reportStatuses: Readonly<Record<ReportStatus, string>> = civicTexts.status.report;
export type { ReportStatus };

const err = civicTexts.errors;
const act = civicTexts.staff.actions.report;
const needs = civicTexts.staff.needs.report;

const text = z.string().trim().min(1);

export const reportLifecycle: Lifecycle<ReportStatus> = {
  kind: 'report',
  statuses: reportStatuses,
  initial: 'submitted',
  open: ['submitted', 'accepted', 'in_progress'],
  sideActions: { assign: ['submitted', 'accepted', 'in_progress'], transfer: ['accepted', 'in_progress'] },
  edges: [
    edge({
      from: ['submitted'],
      to: 'accepted',
      action: act.accepted,
      actors: ['staff'],
      public: true,
      needs: needs.accepted,
      data: z.object({ assignee: text, dueAt: z.coerce.date().optional() }),
      apply: (d, c) => {
        const dueAt = d.dueAt ?? c.row.dueAt;
        if (!dueAt) throw new AppError('bad_request', err.dueRequired, { reason: 'due_required' });
        return { assignee: d.assignee, dueAt, acceptedAt: c.now };
      },
    }),
    edge({
      from: ['submitted', 'accepted'],
      to: 'rejected',
      action: act.rejected,
      actors: ['staff'],
      public: true,
      needs: needs.rejected,
      data: z.object({ reason: text.optional() }),
      apply: (d, c) => {
        const reason = d.reason ?? c.publicNote;
        if (!reason) throw new AppError('bad_request', err.rejectReasonRequired, { reason: 'reason_required' });
        return { rejectReason: reason };
      },
    }),
    edge({ from: ['accepted'], to: 'in_progress', action: act.in_progress, actors: ['staff'], public: true }),
    edge({
      from: ['accepted', 'in_progress'],
      to: 'resolved',
      action: act.resolved,
      actors: ['staff'],
      public: true,
      apply: (_d, c) => ({ resolvedAt: c.now }),
    }),
    edge({ from: ['resolved'], to: 'closed', action: act.closed, actors: ['resident', 'staff', 'system'], public: true }),
    edge({
      from: ['resolved'],
      to: 'in_progress',
      action: act['resolved>in_progress'],
      actors: ['resident', 'staff'],
      public: true,
      publicNote: 'required',
      needs: needs['resolved>in_progress'],
      apply: () => ({ resolvedAt: null }),
    }),
    edge({
      from: ['submitted', 'accepted', 'in_progress'],
      to: 'duplicate',
      action: act.duplicate,
      actors: ['staff'],
      public: true,
      needs: needs.duplicate,
      data: z.object({ duplicateOf: z.coerce.number().int().positive() }),
      apply: async (d, c) => {
        if (d.duplicateOf === c.row.id) throw new AppError('bad_request', err.selfDuplicate, { reason: 'self_duplicate' });
        const [target] = await c.tx
          .select({ kind: cases.kind, status: cases.status })
          .from(cases)
          .where(eq(cases.id, d.duplicateOf));
        if (!target || target.kind !== 'report')
          throw new AppError('bad_request', fill(err.unknownDuplicateTarget, { number: d.duplicateOf }), { reason: 'unknown_target' });
        if (target.status === 'duplicate' || target.status === 'rejected')
          throw new AppError('bad_request', fill(err.badDuplicateTarget, { number: d.duplicateOf }), {
            reason: 'bad_target',
          });
        return { duplicateOf: d.duplicateOf };
      },
      after: async (d, c) => {
        const moved = await moveSubscribers(c.tx, c.row.id, d.duplicateOf, c.now);
        await insertEvent(c.tx, {
          caseId: d.duplicateOf,
          at: c.now,
          actor: { type: 'system', id: 'merge' },
          type: 'note',
          internalNote: fill(civicTexts.staff.internal.merged, { number: c.row.id }),
          data: { merged: c.row.id, eventId: c.eventId, subscribersMoved: moved },
        });
      },
    }),
  ],
};
