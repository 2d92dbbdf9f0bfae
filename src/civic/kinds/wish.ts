import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { fill } from '../../texts/text-spec.js';
import { confirmClaim, confirmedClaim, endClaim, type ClaimChoice } from '../claims.js';
import type { CivicContext } from '../context.js';
import { createCase, parseInput, filingSchema } from '../intake.js';
import { insertEvent } from '../lifecycle/events.js';
import { photoSchema } from '../media.js';
import { excerpt, maskPhones } from '../text.js';
import { civicTexts } from '../texts.js';
import { defineKind, edge, type Filed } from './kind.js';
import { refusal } from './refusal.js';
import { phoneSchema } from './report.js';
import { textSlot, yuanSlot } from './slots.js';

export const wishInputSchema = z.object({
  /** the resident, when known; absent only when filed on someone's behalf */
  openid: z.string().min(1).optional(),
  filing: filingSchema.optional(),
  sourceKey: z.string().min(1).max(200),
  /** the wish itself, short: 一台助听器, 一套课桌 */
  title: z.string().trim().min(1).max(60),
  /** why it is needed, in the wisher's words (may name people: not public until staff publish it) */
  description: z.string().trim().min(1).max(2000),
  /** who benefits: 独居老人, 上小学的孩子 */
  beneficiaries: z.string().trim().min(1).max(500),
  /** what it is worth, about, in fen */
  estimatedCost: z.number().int().nonnegative().optional(),
  communityId: z.string().min(1).optional(),
  photos: z.array(photoSchema).max(9).default([]),
  phone: phoneSchema.optional(),
});
export type WishInput = z.input<typeof wishInputSchema>;

/** 微心愿: files a wish (status pending, seen only by its wisher and staff until published). */
export async function submitWish(db: Db, input: WishInput, ctx: CivicContext): Promise<Filed> {
  const i = parseInput(wishInputSchema, input, civicTexts.inputWhat.wish);
  return createCase(
    db,
    i,
    {
      kind: 'wish',
      status: wish.lifecycle.initial,
      title: i.title,
      description: i.description,
      beneficiaries: i.beneficiaries,
      estimatedCost: i.estimatedCost ?? null,
    },
    ctx.now,
  );
}

const text = z.string().trim().min(1);
const fen = z.coerce.number().int();
const claimerTypes = z.enum(['company', 'organisation', 'volunteer', 'individual']);

/**
 * 确认认领: a claim made on the public page (claimId), or one staff enter for the claimer (name,
 * type, contact, phone). One flat object, so the console's form shows each field.
 */
const claimData = z
  .object({
    claimId: z.coerce.number().int().positive().optional(),
    claimerName: text.max(60).optional(),
    claimerType: claimerTypes.optional(),
    contactName: text.max(30).optional(),
    contactPhone: phoneSchema.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .refine((d) => (d.claimId !== undefined) !== !!(d.claimerName && d.claimerType && d.contactName && d.contactPhone), {
    message: 'a pending claim, or the claimer in full',
  });

/** the claim data as confirmClaim takes it */
const claimChoice = (d: z.output<typeof claimData>): ClaimChoice =>
  d.claimId !== undefined
    ? { claimId: d.claimId }
    : { claimerName: d.claimerName!, claimerType: d.claimerType!, contactName: d.contactName!, contactPhone: d.contactPhone!, note: d.note };

/**
 * A micro-wish (微心愿): a resident, or a worker for an elderly resident, asks for something small
 * for someone in need; a company, a volunteer or a social organisation makes it come true.
 *
 *   pending ─▶ published ─▶ claimed ─▶ fulfilled ─▶ thanked
 *      │           ▲  (claimer  │  ▲      │ (the wisher: received, and a word of thanks;
 *      ▼           └─ withdrew)─┘  └──────┘  not received: back to claimed)
 *   withheld (not published, with a reason)
 *
 * Its status keys are its own (no other kind uses pending or withheld): the console filters and
 * moves cases by status key across kinds.
 *
 * Until staff publish it the wish is private (it may name a person and a flat): only the wisher and
 * staff see it; staff may reword it for the public wish wall. Claims are made on the wall's claim
 * page (claims.ts) and confirmed here; the claimer's name becomes public, the contact never does.
 */
export const wish = defineKind({
  kind: 'wish',
  lifecycle: {
    statuses: {
      pending: { open: true, phase: 'new', step: 0, public: false },
      published: { open: true, phase: 'confirmed', step: 1, public: true },
      claimed: { open: true, phase: 'working', step: 2, public: true },
      fulfilled: { open: false, phase: 'done', step: 3, public: true, asks: 'thanks' },
      thanked: { open: false, phase: 'done', step: 4, public: true },
      withheld: { open: false, phase: 'off', step: 0, public: false },
    },
    initial: 'pending',
    steps: ['pending', 'published', 'claimed', 'fulfilled', 'thanked'],
    sideActions: { claim: ['published'] },
    edges: [
      edge({
        from: ['pending'],
        to: 'published',
        actors: ['staff'],
        public: true,
        // what the wall shows, when staff reword it (a name or a flat in the wisher's words stays private)
        data: z.object({ title: text.max(60).optional(), description: text.max(2000).optional() }),
        apply: (d) => ({ ...(d.title ? { title: d.title } : {}), ...(d.description ? { description: d.description } : {}) }),
        after: async (d, c) => {
          if (!d.title && !d.description) return;
          await insertEvent(c.tx, {
            caseId: c.row.id,
            at: c.now,
            actor: { type: 'system', id: 'publish' },
            type: 'note',
            internalNote: fill(c.texts.staff.internal.reworded, { title: c.row.title ?? '', description: c.row.description }),
            data: { originalTitle: c.row.title, originalDescription: c.row.description, eventId: c.eventId },
          });
        },
      }),
      refusal(['pending'], 'withheld', (e) => e.declineReasonRequired),
      edge({
        from: ['published'],
        to: 'claimed',
        actors: ['staff'],
        public: true,
        data: claimData,
        // the contact is kept with the claim (claims table), for staff; the timeline does not repeat it
        unrecorded: ['contactName', 'contactPhone'],
        apply: async (d, c) => {
          await confirmClaim(c.tx, { caseId: c.row.id, now: c.now, by: c.actor.id, ...claimChoice(d) });
          return {};
        },
        defaultNote: async (_d, c) => {
          const claimer = (await confirmedClaim(c.tx, c.row.id))?.claimerName;
          return claimer ? fill(c.texts.notes.claimed, { claimer }) : undefined;
        },
      }),
      edge({
        from: ['claimed'],
        to: 'published',
        key: 'claimed>published',
        actors: ['staff'],
        public: true,
        publicNote: 'required',
        after: (_d, c) => endClaim(c.tx, { caseId: c.row.id, now: c.now, status: 'withdrawn' }),
      }),
      edge({
        from: ['claimed'],
        to: 'fulfilled',
        actors: ['staff'],
        public: true,
        // what the claimer actually gave, when known (the wall counts it)
        data: z.object({ actualCost: fen.nonnegative().optional() }),
        apply: (d, c) => ({ resolvedAt: c.now, ...(d.actualCost !== undefined ? { actualCost: d.actualCost } : {}) }),
      }),
      edge({ from: ['fulfilled'], to: 'thanked', actors: ['resident', 'staff', 'system'], public: true }),
      edge({
        from: ['fulfilled'],
        to: 'claimed',
        key: 'fulfilled>claimed',
        actors: ['resident', 'staff'],
        public: true,
        publicNote: 'required',
        apply: () => ({ resolvedAt: null }),
      }),
    ],
  },
  features: { due: false, budget: false, support: false, value: true, funding: true, category: false },
  feedback: { satisfied: 'thanked', dissatisfied: 'claimed' },
  texts: { filed: ['number'] },
  slots: z
    .object({
      title: textSlot.transform((t) => t ?? ''),
      description: textSlot.transform((d) => d ?? ''),
      beneficiaries: textSlot.transform((b) => b ?? ''),
      community: textSlot,
      estimatedCostYuan: yuanSlot,
      phone: textSlot,
    })
    .transform(({ community, estimatedCostYuan, ...s }) => ({
      ...s,
      ...(community ? { communityId: community } : {}),
      ...(estimatedCostYuan !== undefined ? { estimatedCost: estimatedCostYuan } : {}),
    })),
  submit: (db, input, ctx) => submitWish(db, input, ctx),
  receipt: (f, t) => fill(t.filed, { number: f.caseId }),
  title: (row) => excerpt(row.title ?? maskPhones(row.description), 20),
});
