import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { moveSubscribers } from '../subscriptions.js';
import { insertEvent } from './events.js';
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
export const reportStatuses = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '处理中',
  resolved: '已办结',
  closed: '已结案',
  rejected: '不予受理',
  duplicate: '已合并',
} as const;
export type ReportStatus = keyof typeof reportStatuses;

const text = z.string().trim().min(1);

export const reportLifecycle: Lifecycle<ReportStatus> = {
  kind: 'report',
  statuses: reportStatuses,
  initial: 'submitted',
  open: ['submitted', 'accepted', 'in_progress'],
  edges: [
    edge({
      from: ['submitted'],
      to: 'accepted',
      actors: ['staff'],
      public: true,
      needs: '承办人（assignee）和办理时限（dueAt）',
      data: z.object({ assignee: text, dueAt: z.coerce.date().optional() }),
      apply: (d, c) => {
        const dueAt = d.dueAt ?? c.row.dueAt;
        if (!dueAt) throw new AppError('bad_request', '受理需要办理时限（dueAt）', { reason: 'due_required' });
        return { assignee: d.assignee, dueAt, acceptedAt: c.now };
      },
    }),
    edge({
      from: ['submitted', 'accepted'],
      to: 'rejected',
      actors: ['staff'],
      public: true,
      needs: '不予受理的理由（reason 或公开说明）',
      data: z.object({ reason: text.optional() }),
      apply: (d, c) => {
        const reason = d.reason ?? c.publicNote;
        if (!reason) throw new AppError('bad_request', '不予受理需要说明理由', { reason: 'reason_required' });
        return { rejectReason: reason };
      },
    }),
    edge({ from: ['accepted'], to: 'in_progress', actors: ['staff'], public: true }),
    edge({
      from: ['accepted', 'in_progress'],
      to: 'resolved',
      actors: ['staff'],
      public: true,
      apply: (_d, c) => ({ resolvedAt: c.now }),
    }),
    edge({ from: ['resolved'], to: 'closed', actors: ['resident', 'staff', 'system'], public: true }),
    edge({
      from: ['resolved'],
      to: 'in_progress',
      actors: ['resident', 'staff'],
      public: true,
      publicNote: 'required',
      needs: '重办原因（居民的原话，作为公开说明）',
      apply: () => ({ resolvedAt: null }),
    }),
    edge({
      from: ['submitted', 'accepted', 'in_progress'],
      to: 'duplicate',
      actors: ['staff'],
      public: true,
      needs: '合并到的事项编号（duplicateOf）',
      data: z.object({ duplicateOf: z.coerce.number().int().positive() }),
      apply: async (d, c) => {
        if (d.duplicateOf === c.row.id) throw new AppError('bad_request', '不能合并到自身', { reason: 'self_duplicate' });
        const [target] = await c.tx
          .select({ kind: cases.kind, status: cases.status })
          .from(cases)
          .where(eq(cases.id, d.duplicateOf));
        if (!target || target.kind !== 'report')
          throw new AppError('bad_request', `没有编号为 ${d.duplicateOf} 的报修`, { reason: 'unknown_target' });
        if (target.status === 'duplicate' || target.status === 'rejected')
          throw new AppError('bad_request', `#${d.duplicateOf} 已合并或不予受理，不能作为合并目标`, {
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
          internalNote: `#${c.row.id} 已合并到本事项`,
          data: { merged: c.row.id, eventId: c.eventId, subscribersMoved: moved },
        });
      },
    }),
  ],
};
