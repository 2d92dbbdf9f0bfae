import { z } from 'zod';
import type { Db } from '../db/client.js';
import type { CivicContext } from './context.js';
import { createCase, locationSchema, parseInput, type SubmitResult } from './intake.js';
import { proposalLifecycle } from './lifecycle/proposal.js';
import { photoSchema } from './media.js';
import { phoneSchema } from './reports.js';
import { civicTexts } from './texts.js';

export const PROJECT_TYPES = ['工程类', '服务类', '货物类'] as const;
export type ProjectType = (typeof PROJECT_TYPES)[number];

export const proposalInputSchema = z.object({
  openid: z.string().min(1),
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
export async function submitProposal(db: Db, input: ProposalInput, ctx: CivicContext): Promise<SubmitResult> {
  const i = parseInput(proposalInputSchema, input, civicTexts.inputWhat.proposal);
  return createCase(db, {
    openid: i.openid,
    sourceKey: i.sourceKey,
    communityId: i.communityId,
    phone: i.phone,
    photos: i.photos,
    now: ctx.now,
    values: {
      kind: 'proposal',
      status: proposalLifecycle.initial,
      title: i.title,
      description: i.description,
      projectType: i.projectType,
      beneficiaries: i.beneficiaries,
      estimatedCost: i.estimatedCost ?? null,
      lat: i.location?.lat ?? null,
      lng: i.location?.lng ?? null,
      locationLabel: i.location?.label ?? null,
    },
  });
}
