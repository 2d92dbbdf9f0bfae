import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { claims } from '../db/schema.js';
import { AppError } from '../errors.js';
import { civicTexts, fill } from './texts.js';

/**
 * 认领 inside a case's transaction: a partner's offer confirmed, or ended. The offers themselves are
 * made in claim-offers.ts (the public claim page, the console). A case has at most one confirmed
 * claim (a unique index); the other offers stay pending, so staff can turn to one of them if the
 * claimer withdraws.
 */
export type ClaimRow = typeof claims.$inferSelect;
export type ClaimerType = ClaimRow['claimerType'];

export type ClaimChoice =
  | { claimId: number }
  | { claimerName: string; claimerType: ClaimerType; contactName: string; contactPhone: string; note?: string | undefined };

/** confirms a pending offer of this case, or records and confirms one staff entered for the claimer */
export async function confirmClaim(tx: Db, o: { caseId: number; now: Date; by?: string } & ClaimChoice): Promise<ClaimRow> {
  if ('claimId' in o) {
    const [row] = await tx
      .update(claims)
      .set({ status: 'confirmed', decidedAt: o.now, decidedBy: o.by ?? null })
      .where(and(eq(claims.id, o.claimId), eq(claims.caseId, o.caseId), eq(claims.status, 'pending')))
      .returning();
    if (!row) throw new AppError('bad_request', fill(civicTexts.errors.unknownClaim, { id: o.claimId }), { reason: 'unknown_claim' });
    return row;
  }
  const [row] = await tx
    .insert(claims)
    .values({
      caseId: o.caseId,
      claimerName: o.claimerName,
      claimerType: o.claimerType,
      contactName: o.contactName,
      contactPhone: o.contactPhone,
      note: o.note ?? null,
      status: 'confirmed',
      source: 'staff',
      createdAt: o.now,
      decidedAt: o.now,
      decidedBy: o.by ?? null,
    })
    .returning();
  return row!;
}

/** the confirmed claim ends (the claimer withdrew): the wish can be claimed again */
export async function endClaim(tx: Db, o: { caseId: number; now: Date; status: 'withdrawn' | 'declined' }): Promise<void> {
  await tx
    .update(claims)
    .set({ status: o.status, decidedAt: o.now })
    .where(and(eq(claims.caseId, o.caseId), eq(claims.status, 'confirmed')));
}

export async function confirmedClaim(db: Db, caseId: number): Promise<ClaimRow | undefined> {
  const [row] = await db
    .select()
    .from(claims)
    .where(and(eq(claims.caseId, caseId), eq(claims.status, 'confirmed')));
  return row;
}
