import { z } from 'zod';
import { AppError } from '../../errors.js';
import { edge, type Lifecycle } from './types.js';

/**
 * A micro-project proposal (民生微实事):
 *
 *   collected ─▶ reviewing ─▶ approved ─▶ publicised ─▶ implementing ─▶ completed ─▶ evaluated
 *                 │   ▲  ▲                   │
 *                 │   │  └───────────────────┘ (an objection upheld in 公示: back to review)
 *                 ├─▶ reserve ─┘ (备选库: may be reviewed again in a later round)
 *                 └─▶ declined (reason required)
 *
 * approved needs the budget in fen and the batch; publicised needs the start and end of the notice;
 * completed needs the actual spend and an acceptance note. Milestones are added while implementing
 * (milestones.ts); objections while publicised (notes.ts).
 */
export const proposalStatuses = {
  collected: '已征集',
  reviewing: '审核中',
  approved: '已确定',
  reserve: '备选库',
  declined: '不予采纳',
  publicised: '公示中',
  implementing: '实施中',
  completed: '已完成',
  evaluated: '已评议',
} as const;
export type ProposalStatus = keyof typeof proposalStatuses;

const text = z.string().trim().min(1);
const fen = z.coerce.number().int();

export const proposalLifecycle: Lifecycle<ProposalStatus> = {
  kind: 'proposal',
  statuses: proposalStatuses,
  initial: 'collected',
  open: ['collected', 'reviewing', 'approved', 'reserve', 'publicised', 'implementing'],
  edges: [
    edge({ from: ['collected', 'reserve'], to: 'reviewing', actors: ['staff'], public: true }),
    edge({
      from: ['reviewing'],
      to: 'approved',
      actors: ['staff'],
      public: true,
      needs: '确定的经费（approvedCost，单位分）和批次（batch）',
      data: z.object({ approvedCost: fen.positive(), batch: text }),
      apply: (d) => ({ approvedCost: d.approvedCost, batch: d.batch }),
    }),
    edge({ from: ['reviewing'], to: 'reserve', actors: ['staff'], public: true }),
    edge({
      from: ['reviewing'],
      to: 'declined',
      actors: ['staff'],
      public: true,
      needs: '不予采纳的理由（reason 或公开说明）',
      data: z.object({ reason: text.optional() }),
      apply: (d, c) => {
        const reason = d.reason ?? c.publicNote;
        if (!reason) throw new AppError('bad_request', '不予采纳需要说明理由', { reason: 'reason_required' });
        return { rejectReason: reason };
      },
    }),
    edge({
      from: ['approved'],
      to: 'publicised',
      actors: ['staff'],
      public: true,
      needs: '公示开始和结束日期（publicityStart、publicityEnd）',
      data: z
        .object({ publicityStart: z.coerce.date(), publicityEnd: z.coerce.date() })
        .refine((d) => d.publicityEnd > d.publicityStart, { message: 'publicityEnd must be after publicityStart' }),
      apply: (d) => ({ publicityStart: d.publicityStart, publicityEnd: d.publicityEnd }),
    }),
    edge({
      from: ['publicised'],
      to: 'reviewing',
      actors: ['staff'],
      public: true,
      publicNote: 'required',
      needs: '重新审核的原因（公开说明）',
    }),
    edge({ from: ['publicised'], to: 'implementing', actors: ['staff'], public: true }),
    edge({
      from: ['implementing'],
      to: 'completed',
      actors: ['staff'],
      public: true,
      needs: '实际支出（actualCost，单位分）和验收说明（acceptanceNote 或公开说明）',
      data: z.object({ actualCost: fen.nonnegative(), acceptanceNote: text.optional() }),
      apply: (d, c) => {
        if (!(d.acceptanceNote ?? c.publicNote))
          throw new AppError('bad_request', '完成需要验收说明', { reason: 'acceptance_required' });
        return { actualCost: d.actualCost, resolvedAt: c.now };
      },
    }),
    edge({ from: ['completed'], to: 'evaluated', actors: ['staff', 'system'], public: true }),
  ],
};
