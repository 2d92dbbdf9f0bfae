import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { acceptances } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { chinaDate } from '../calendar.js';
import type { Actor, CivicContext } from '../context.js';
import { parseInput } from '../intake.js';
import type { CaseRow } from '../kinds/kind.js';
import { sideActionWhere } from '../kinds/registry.js';
import { claimCase } from '../lifecycle/claim.js';
import { insertEvent, loadCase } from '../lifecycle/events.js';
import { civicTexts } from '../texts.js';
import type { StoredDocument } from './stored-file.js';
import { ACCEPTANCE_RESULTS } from './values.js';


export const acceptanceSchema = z.object({
  caseId: z.number().int().positive(),
  /** YYYY-MM-DD (China) */
  acceptedOn: z.iso.date(),
  /** who accepted it (an office, a committee, named people): public */
  acceptedBy: z.string().trim().min(1).max(100),
  result: z.enum(ACCEPTANCE_RESULTS),
  notes: z.string().trim().max(1000).nullable().default(null),
});
export type AcceptanceInput = z.input<typeof acceptanceSchema>;

export type Acceptance = typeof acceptances.$inferSelect;

type Authorize = (row: CaseRow) => void | Promise<void>;

/** the acceptances of a case, the first first (the last one decides) */
export const acceptancesOf = (db: Db, caseId: number): Promise<Acceptance[]> =>
  db.select().from(acceptances).where(eq(acceptances.caseId, caseId)).orderBy(asc(acceptances.id));

/**
 * 验收: records an acceptance of a project being implemented (sideActions.acceptance), passed or
 * failed; a failed one is kept, and a later pass follows it. Scope (`authorize`) inside the
 * transaction; an internal timeline event. A passed latest acceptance is what lets the project move
 * to 完成 (kinds/proposal.ts). The acceptance record itself is attached afterwards (attachAcceptanceDocument).
 */
export async function recordAcceptance(
  db: Db,
  input: AcceptanceInput & { actor: Actor; authorize?: Authorize },
  ctx: CivicContext,
): Promise<{ acceptance: Acceptance; eventId: number }> {
  const a = parseInput(acceptanceSchema, input, civicTexts.inputWhat.acceptance);
  if (a.acceptedOn > chinaDate(ctx.now)) throw new AppError('bad_request', civicTexts.errors.futureDate, { reason: 'future_date' });
  return db.transaction(async (tx) => {
    const row = await claimCase(tx, { caseId: a.caseId, now: ctx.now, allowed: sideActionWhere('acceptance'), action: civicTexts.actions.acceptance });
    if (input.authorize) await input.authorize(row);
    const [acceptance] = await tx
      .insert(acceptances)
      .values({ ...a, notes: a.notes || null, createdBy: input.actor.id, createdAt: ctx.now })
      .returning();
    const eventId = await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: input.actor,
      type: 'acceptance',
      data: { acceptanceId: acceptance!.id, acceptedOn: a.acceptedOn, result: a.result },
    });
    return { acceptance: acceptance!, eventId };
  });
}

/** one acceptance, or 404 */
export async function acceptanceRow(db: Db, id: number): Promise<Acceptance> {
  const [r] = await db.select().from(acceptances).where(eq(acceptances.id, id));
  if (!r) throw new AppError('not_found', civicTexts.errors.acceptanceNotFound, { reason: 'unknown_acceptance' });
  return r;
}

/**
 * 验收记录: attaches (or replaces) the acceptance's document after the scope check on its case
 * inside the transaction. Returns the path it replaced (null the first time), for the audit.
 */
export async function attachAcceptanceDocument(
  db: Db,
  input: { caseId: number; acceptanceId: number; file: StoredDocument; authorize?: Authorize },
): Promise<{ replaced: string | null }> {
  return db.transaction(async (tx) => {
    const a = await acceptanceRow(tx, input.acceptanceId);
    if (a.caseId !== input.caseId) throw new AppError('not_found', civicTexts.errors.acceptanceNotFound, { reason: 'unknown_acceptance' });
    if (input.authorize) await input.authorize(await loadCase(tx, a.caseId));
    await tx
      .update(acceptances)
      .set({ documentPath: input.file.path, documentType: input.file.contentType, documentSha256: input.file.sha256, documentBytes: input.file.bytes })
      .where(eq(acceptances.id, a.id));
    return { replaced: a.documentPath };
  });
}
