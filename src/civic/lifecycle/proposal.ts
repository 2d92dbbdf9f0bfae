import { z } from 'zod';
import { AppError } from '../../errors.js';
import { civicTexts } from '../texts.js';
import type { ProposalStatus } from './status-keys.js';
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
/** status key → the label residents read (flows/civic.zh-CN.yaml `status.proposal`) */
export const proposalStatuses: Readonly<Record<ProposalStatus, string>> = civicTexts.status.proposal;
export type { ProposalStatus };

const err = civicTexts.errors;
const act = civicTexts.staff.actions.proposal;
const needs = civicTexts.staff.needs.proposal;

const text = z.string().trim().min(1);
const fen = z.coerce.number().int();

export const proposalLifecycle: Lifecycle<ProposalStatus> = {
  kind: 'proposal',
  statuses: proposalStatuses,
  initial: 'collected',
  open: ['collected', 'reviewing', 'approved', 'reserve', 'publicised', 'implementing'],
  sideActions: { milestone: ['implementing'] },
  edges: [
    edge({ from: ['collected', 'reserve'], to: 'reviewing', action: act.reviewing, actors: ['staff'], public: true }),
    edge({
      from: ['reviewing'],
      to: 'approved',
      action: act.approved,
      actors: ['staff'],
      public: true,
      needs: needs.approved,
      data: z.object({ approvedCost: fen.positive(), batch: text }),
      apply: (d) => ({ approvedCost: d.approvedCost, batch: d.batch }),
    }),
    edge({ from: ['reviewing'], to: 'reserve', action: act.reserve, actors: ['staff'], public: true }),
    edge({
      from: ['reviewing'],
      to: 'declined',
      action: act.declined,
      actors: ['staff'],
      public: true,
      needs: needs.declined,
      data: z.object({ reason: text.optional() }),
      apply: (d, c) => {
        const reason = d.reason ?? c.publicNote;
        if (!reason) throw new AppError('bad_request', err.declineReasonRequired, { reason: 'reason_required' });
        return { rejectReason: reason };
      },
    }),
    edge({
      from: ['approved'],
      to: 'publicised',
      action: act.publicised,
      actors: ['staff'],
      public: true,
      needs: needs.publicised,
      data: z
        .object({ publicityStart: z.coerce.date(), publicityEnd: z.coerce.date() })
        .refine((d) => d.publicityEnd > d.publicityStart, { message: 'publicityEnd must be after publicityStart' }),
      apply: (d) => ({ publicityStart: d.publicityStart, publicityEnd: d.publicityEnd }),
    }),
    edge({
      from: ['publicised'],
      to: 'reviewing',
      action: act['publicised>reviewing'],
      actors: ['staff'],
      public: true,
      publicNote: 'required',
      needs: needs['publicised>reviewing'],
    }),
    edge({ from: ['publicised'], to: 'implementing', action: act.implementing, actors: ['staff'], public: true }),
    edge({
      from: ['implementing'],
      to: 'completed',
      action: act.completed,
      actors: ['staff'],
      public: true,
      needs: needs.completed,
      data: z.object({ actualCost: fen.nonnegative(), acceptanceNote: text.optional() }),
      apply: (d, c) => {
        if (!(d.acceptanceNote ?? c.publicNote))
          throw new AppError('bad_request', err.acceptanceRequired, { reason: 'acceptance_required' });
        return { actualCost: d.actualCost, resolvedAt: c.now };
      },
    }),
    edge({ from: ['completed'], to: 'evaluated', action: act.evaluated, actors: ['staff', 'system'], public: true }),
  ],
};
