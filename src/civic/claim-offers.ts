import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { cases, claims, communities } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { ClaimRow } from './claims.js';
import type { CivicContext } from './context.js';
import { parseInput } from './intake.js';
import { phoneSchema } from './kinds/report.js';
import { defaultCategories } from './categories.js';
import { caseStatusWhere, kindModule, sideActionWhere } from './kinds/registry.js';
import { maskPhones } from './text.js';
import { civicTexts, fill } from './texts.js';

/** how many offers one case keeps waiting: enough for every real partner, not for a flood */
export const MAX_PENDING_CLAIMS = 20;

export const claimOfferSchema = z.object({
  caseId: z.number().int().positive(),
  /** public once confirmed: 某某公司, 某某志愿服务队, 王先生 */
  claimerName: z.string().trim().min(1).max(60),
  claimerType: z.enum(['company', 'organisation', 'volunteer', 'individual']),
  /** never public */
  contactName: z.string().trim().min(1).max(30),
  contactPhone: phoneSchema,
  note: z.string().trim().max(500).optional(),
});
export type ClaimOffer = z.input<typeof claimOfferSchema>;

/**
 * 认领 offered on the public claim page: kept pending until staff confirm one (wish.ts, published →
 * claimed). Only a case whose kind takes claims in its current status accepts one (a published
 * wish). The same phone offering again for the same case updates its offer rather than adding one.
 */
export async function offerClaim(db: Db, input: ClaimOffer, ctx: CivicContext): Promise<{ claimId: number; created: boolean }> {
  const o = parseInput(claimOfferSchema, input, civicTexts.inputWhat.claim);
  return db.transaction(async (tx) => {
    // claims the case row: offers for one case are counted one at a time
    const [open] = await tx
      .update(cases)
      .set({ updatedAt: sql`${cases.updatedAt}` })
      .where(and(eq(cases.id, o.caseId), sideActionWhere('claim')))
      .returning({ id: cases.id });
    if (!open) throw new AppError('conflict', fill(civicTexts.errors.notClaimable, { number: o.caseId }), { reason: 'not_claimable' });
    const pending = await tx
      .select({ id: claims.id, contactPhone: claims.contactPhone })
      .from(claims)
      .where(and(eq(claims.caseId, o.caseId), eq(claims.status, 'pending')));
    const values = { claimerName: o.claimerName, claimerType: o.claimerType, contactName: o.contactName, contactPhone: o.contactPhone, note: o.note ?? null };
    const same = pending.find((p) => p.contactPhone === o.contactPhone);
    if (same) {
      await tx.update(claims).set(values).where(eq(claims.id, same.id));
      return { claimId: same.id, created: false };
    }
    if (pending.length >= MAX_PENDING_CLAIMS) throw new AppError('conflict', civicTexts.errors.tooManyClaims, { reason: 'too_many_claims' });
    const [row] = await tx
      .insert(claims)
      .values({ caseId: o.caseId, ...values, status: 'pending', source: 'public', createdAt: ctx.now })
      .returning({ id: claims.id });
    return { claimId: row!.id, created: true };
  });
}

/** every offer of a case, oldest first, with the contacts: for staff only */
export function listClaims(db: Db, caseId: number): Promise<ClaimRow[]> {
  return db.select().from(claims).where(eq(claims.caseId, caseId)).orderBy(asc(claims.createdAt), asc(claims.id));
}

export interface ClaimableCase {
  number: number;
  /** ≤ 20 characters, as its kind words it */
  title: string;
  beneficiaries: string | null;
  /** fen */
  estimatedCost: number | null;
  communityName: string | null;
}

/**
 * What waits for a claimer now (cases whose kind takes claims in their status, and which anyone may
 * see): one, or the newest of a community (or of all), for the wall's claim form and the bot's 认领.
 */
export async function claimableCases(db: Db, o: { caseId?: number; communityId?: string; limit?: number } = {}): Promise<ClaimableCase[]> {
  const rows = await db
    .select({ c: cases, communityName: communities.name })
    .from(cases)
    .leftJoin(communities, eq(communities.id, cases.communityId))
    .where(
      and(
        sideActionWhere('claim'),
        caseStatusWhere((a) => a.public),
        o.caseId !== undefined ? eq(cases.id, o.caseId) : undefined,
        o.communityId ? eq(cases.communityId, o.communityId) : undefined,
      ),
    )
    .orderBy(desc(cases.updatedAt), desc(cases.id))
    .limit(o.limit ?? 10);
  return rows.map(({ c, communityName }) => ({
    number: c.id,
    title: kindModule(c.kind).title(c, defaultCategories()),
    beneficiaries: c.beneficiaries ? maskPhones(c.beneficiaries) : null,
    estimatedCost: c.estimatedCost,
    communityName,
  }));
}
