import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { fill } from '../../texts/text-spec.js';
import type { CivicContext } from '../context.js';
import { createCase, locationSchema, parseInput, filingSchema } from '../intake.js';
import { photoSchema } from '../media.js';
import { supersedeOpenObjections } from '../objection-count.js';
import { acceptancePassed } from '../delivery/acceptance-passed.js';
import { surveyAskKey, surveyRecipients } from '../survey-recipients.js';
import { checkPublicityLength, checkPublicityOver } from '../publicity.js';
import { excerpt, maskPhones } from '../text.js';
import { civicTexts } from '../texts.js';
import { checkEnvelope } from '../budgets/envelope-rule.js';
import { defineKind, edge, type CaseChanges, type EdgeContext, type Filed } from './kind.js';
import { refusal } from './refusal.js';
import { phoneSchema } from './report.js';
import { locationSlot, textSlot, yuanSlot } from './slots.js';

/** the project types the programme counts money by (stored as written: the seeds' own words) */
export const PROJECT_TYPES = ['工程类', '服务类', '货物类'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export const proposalInputSchema = z.object({
  /** the resident, when known; absent only when filed on someone's behalf */
  openid: z.string().min(1).optional(),
  filing: filingSchema.optional(),
  sourceKey: z.string().min(1).max(200),
  title: z.string().trim().min(1).max(60),
  description: z.string().trim().min(1).max(2000),
  projectType: z.enum(PROJECT_TYPES),
  /** who benefits, in the resident's words (e.g. 村内老人和放学的孩子) */
  beneficiaries: z.string().trim().min(1).max(500),
  /** default: the community the resident is bound to */
  communityId: z.string().min(1).optional(),
  location: locationSchema.optional(),
  /** the resident's estimate, in fen (分) */
  estimatedCost: z.number().int().nonnegative().optional(),
  photos: z.array(photoSchema).max(9).default([]),
  phone: phoneSchema.optional(),
});
export type ProposalInput = z.input<typeof proposalInputSchema>;

/** 微实事提议 (点菜): files a proposal (status collected); one transaction, idempotent on sourceKey. */
export async function submitProposal(db: Db, input: ProposalInput, ctx: CivicContext): Promise<Filed> {
  const i = parseInput(proposalInputSchema, input, civicTexts.inputWhat.proposal);
  return createCase(
    db,
    i,
    {
      kind: 'proposal',
      status: proposal.lifecycle.initial,
      title: i.title,
      description: i.description,
      projectType: i.projectType,
      beneficiaries: i.beneficiaries,
      estimatedCost: i.estimatedCost ?? null,
      lat: i.location?.lat ?? null,
      lng: i.location?.lng ?? null,
      locationLabel: i.location?.label ?? null,
    },
    ctx.now,
  );
}

const text = z.string().trim().min(1);
const fen = z.coerce.number().int();

/** what 确定 needs: the budget in fen; a batch title (optional); a manager's reason to go beyond the envelope */
const approval = z.object({ approvedCost: fen.positive(), batch: text.optional(), overrideReason: text.max(500).optional() });

/** 确定: the envelope rule (src/civic/budgets/envelope-rule.ts), then the budget and when, which says the year it spends */
async function approve(d: z.output<typeof approval>, c: EdgeContext): Promise<CaseChanges> {
  await checkEnvelope(c, d.approvedCost, d.overrideReason);
  return { approvedCost: d.approvedCost, approvedAt: c.now, ...(d.batch ? { batch: d.batch } : {}) };
}

/**
 * A micro-project proposal (民生微实事):
 *
 *   collected ─▶ reviewing ─▶ approved ─▶ publicised ─▶ implementing ─▶ completed ─▶ evaluated
 *                 │   ▲  ▲                   │
 *                 │   │  └───────────────────┘ (an objection upheld in 公示: back to review)
 *                 ├─▶ reserve ─┘ (备选库: may be reviewed again in a later round, or promoted to approved;
 *                 │      └─▶ declined when its time in the 备选库 is over, config/reserve.yaml)
 *                 └─▶ declined (reason required)
 *
 * approved needs the budget in fen, within what the year's envelope has left unless a manager overrides
 * with a reason (src/civic/budgets); the batch is optional: batches are records of their own;
 * publicised needs the start and end of the notice, at least the account's minimum (config/publicity.yaml); implementing waits until the notice ends;
 * completed needs the money paid and a passed acceptance (验收, src/civic/delivery). Milestones are added while implementing
 * (lifecycle/milestones.ts); objections while publicised (lifecycle/notes.ts).
 */
export const proposal = defineKind({
  kind: 'proposal',
  lifecycle: {
    statuses: {
      collected: { open: true, phase: 'new', step: 0, public: true },
      reviewing: { open: true, phase: 'new', step: 1, public: true },
      approved: { open: true, phase: 'confirmed', step: 2, public: true },
      reserve: { open: true, phase: 'off', step: 1, public: true, notice: true },
      declined: { open: false, phase: 'off', step: 1, public: true },
      publicised: { open: true, phase: 'confirmed', step: 3, public: true, announce: true },
      implementing: { open: true, phase: 'working', step: 4, public: true },
      completed: { open: false, phase: 'done', step: 5, public: true, asks: 'rating' },
      evaluated: { open: false, phase: 'done', step: 6, public: true },
    },
    initial: 'collected',
    steps: ['collected', 'reviewing', 'approved', 'publicised', 'implementing', 'completed', 'evaluated'],
    sideActions: {
      milestone: ['implementing'],
      objection: ['publicised'],
      // 实施信息 (who delivers, contract, dates) from 公示 on, corrected after; milestone photos the same
      delivery: ['publicised', 'implementing', 'completed', 'evaluated'],
      acceptance: ['implementing'],
      evaluation: ['completed', 'evaluated'],
      survey: ['completed', 'evaluated'],
    },
    edges: [
      edge({ from: ['collected', 'reserve'], to: 'reviewing', actors: ['staff'], public: true }),
      edge({ from: ['reviewing'], to: 'approved', actors: ['staff'], public: true, data: approval, apply: approve }),
      // 备选库 → 确定: promoted into a later round (and then a batch), by the same envelope rule
      edge({ from: ['reserve'], to: 'approved', key: 'reserve>approved', actors: ['staff'], public: true, data: approval, apply: approve }),
      edge({ from: ['reviewing'], to: 'reserve', actors: ['staff'], public: true }),
      // 备选库 kept its time (config/reserve.yaml): closed by the lifecycle job (src/civic/budgets/reserve-expiry.ts)
      edge({ from: ['reserve'], to: 'declined', key: 'reserve>expired', actors: ['system'], public: true, defaultNote: (_d, c) => c.texts.notes.reserveExpired }),
      refusal(['reviewing'], 'declined', (e) => e.declineReasonRequired),
      edge({
        from: ['approved'],
        to: 'publicised',
        actors: ['staff'],
        public: true,
        data: z
          .object({ publicityStart: z.coerce.date(), publicityEnd: z.coerce.date() })
          .refine((d) => d.publicityEnd > d.publicityStart, { message: 'publicityEnd must be after publicityStart' }),
        apply: (d, c) => {
          checkPublicityLength(d.publicityStart, d.publicityEnd, c.publicity, c.now);
          return { publicityStart: d.publicityStart, publicityEnd: d.publicityEnd };
        },
      }),
      // back to review from 公示: the notice's dates go (the next 公示 sets its own) and objections still open close with it
      edge({
        from: ['publicised'],
        to: 'reviewing',
        key: 'publicised>reviewing',
        actors: ['staff'],
        public: true,
        publicNote: 'required',
        apply: () => ({ publicityStart: null, publicityEnd: null }),
        after: (_d, c) => supersedeOpenObjections(c),
      }),
      // 公示无异议后开始实施: not before the notice has run its course (publicity.ts says what else blocks)
      edge({
        from: ['publicised'],
        to: 'implementing',
        actors: ['staff'],
        public: true,
        apply: async (_d, c) => {
          await checkPublicityOver(c);
          return {};
        },
      }),
      edge({
        from: ['implementing'],
        to: 'completed',
        actors: ['staff'],
        public: true,
        // actualCost: the money paid (实付), which the 报表 report beside requested and approved
        data: z.object({ actualCost: fen.nonnegative(), acceptanceNote: text.optional() }),
        apply: async (d, c) => {
          // 验收: only a project whose latest acceptance passed is 完成
          if (!(await acceptancePassed(c.tx, c.row.id))) throw new AppError('bad_request', c.texts.errors.acceptanceRequired, { reason: 'acceptance_required' });
          return { actualCost: d.actualCost, resolvedAt: c.now };
        },
        // 满意度调查: the beneficiaries are asked, once each
        after: async (_d, c) => {
          const ask = fill(c.texts.survey.ask, { number: c.row.id });
          for (const openid of await surveyRecipients(c.tx, c.row)) await c.tell(openid, ask, surveyAskKey(c.row.id, openid));
        },
      }),
      edge({ from: ['completed'], to: 'evaluated', actors: ['staff', 'system'], public: true }),
    ],
  },
  // 征集: support (支持 N) is taken until the 议事会 decides
  supportStatuses: ['collected', 'reviewing'],
  // 议事会 (src/civic/council): decides what 征集 gathered; a collected proposal is put to review first
  council: { from: ['collected', 'reviewing'], review: 'reviewing', outcomes: { approved: 'approved', reserve: 'reserve', declined: 'declined' } },
  features: { due: false, budget: true, support: false, value: false, funding: true, category: false, maskedText: true, theme: true },
  texts: {
    filed: ['number'],
  },
  slots: z
    .object({
      title: textSlot.transform((t) => t ?? ''),
      description: textSlot.transform((d) => d ?? ''),
      projectType: textSlot,
      beneficiaries: textSlot.transform((b) => b ?? ''),
      community: textSlot,
      location: locationSlot,
      estimatedCostYuan: yuanSlot,
    })
    .transform(({ community, estimatedCostYuan, projectType, ...s }) => ({
      ...s,
      // the flow asks it with fixed options; anything else is refused by the input schema
      projectType: projectType as ProjectType,
      ...(community ? { communityId: community } : {}),
      ...(estimatedCostYuan !== undefined ? { estimatedCost: estimatedCostYuan } : {}),
    })),
  submit: (db, input, ctx) => submitProposal(db, input, ctx),
  receipt: (f, t) => fill(t.filed, { number: f.caseId }),
  title: (row) => excerpt(row.title ?? maskPhones(row.description), 20),
});
