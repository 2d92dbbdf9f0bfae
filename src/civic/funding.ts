import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { caseFunding } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Actor, CivicContext } from './context.js';
import { parseInput } from './intake.js';
import { kindModule } from './kinds/registry.js';
import { insertEvent, loadCase } from './lifecycle/events.js';
import type { CaseRow } from './kinds/kind.js';
import { civicTexts } from './texts.js';

/**
 * 资金来源: where the money of a project or a wish comes from. Jinwan recorded 社会资金 20.24 万 beside
 * government funds; Kuichong paired 2,000 元 per building with the residents' own share. Each line
 * is one source and amount (fen); social money and in-kind gifts name their giver, which is public
 * (三公开), as the amounts are.
 */
export const FUNDING_SOURCES = ['government', 'social', 'residents', 'in_kind'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export type FundingRow = typeof caseFunding.$inferSelect;

export const fundingInputSchema = z
  .object({
    caseId: z.number().int().positive(),
    source: z.enum(FUNDING_SOURCES),
    /** the enterprise, foundation or giver; required for social money and gifts in kind */
    funder: z.string().trim().min(1).max(100).optional(),
    /** fen */
    amount: z.number().int().positive().max(1_000_000_000_00),
    note: z.string().trim().max(500).optional(),
  })
  .refine((f) => (f.source === 'social' || f.source === 'in_kind' ? !!f.funder : true), { path: ['funder'], message: 'funder required' });
export type FundingInput = z.input<typeof fundingInputSchema> & { actor: Actor; authorize?: (row: CaseRow) => void | Promise<void> };

/** records one source of a case's money, with an audit event; only kinds that keep funding take it */
export async function addFunding(db: Db, input: FundingInput, ctx: CivicContext): Promise<{ fundingId: number; eventId: number }> {
  const f = parseInput(fundingInputSchema, input, civicTexts.inputWhat.funding);
  return db.transaction(async (tx) => {
    const row = await loadCase(tx, f.caseId);
    if (!kindModule(row.kind).features.funding) throw new AppError('bad_request', civicTexts.errors.noFunding, { reason: 'no_funding' });
    if (input.authorize) await input.authorize(row);
    const [line] = await tx
      .insert(caseFunding)
      .values({ caseId: row.id, source: f.source, funder: f.funder ?? null, amount: f.amount, note: f.note ?? null, createdBy: input.actor.id, createdAt: ctx.now })
      .returning({ id: caseFunding.id });
    const eventId = await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: input.actor,
      type: 'funding',
      data: { fundingId: line!.id, source: f.source, funder: f.funder ?? null, amount: f.amount },
    });
    return { fundingId: line!.id, eventId };
  });
}

/** removes a line entered by mistake; the audit event keeps what it said */
export async function removeFunding(
  db: Db,
  input: { caseId: number; fundingId: number; actor: Actor; authorize?: (row: CaseRow) => void | Promise<void> },
  ctx: CivicContext,
): Promise<{ eventId: number }> {
  return db.transaction(async (tx) => {
    const row = await loadCase(tx, input.caseId);
    if (input.authorize) await input.authorize(row);
    const [gone] = await tx
      .delete(caseFunding)
      .where(and(eq(caseFunding.id, input.fundingId), eq(caseFunding.caseId, row.id)))
      .returning();
    if (!gone) throw new AppError('not_found', civicTexts.errors.fundingNotFound, { reason: 'unknown_funding' });
    const eventId = await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: input.actor,
      type: 'funding',
      data: { removed: gone.id, source: gone.source, funder: gone.funder, amount: gone.amount },
    });
    return { eventId };
  });
}

/** a case's money by source, in the order entered */
export function listFunding(db: Db, caseId: number): Promise<FundingRow[]> {
  return db.select().from(caseFunding).where(eq(caseFunding.caseId, caseId)).orderBy(asc(caseFunding.id));
}

/** SQL: the sum of one source's money for the case row in scope (a correlated subquery, for aggregates over cases) */
export const fundingOf = (source: FundingSource) =>
  sql<string>`(select coalesce(sum(f.amount), 0) from case_funding f where f.case_id = cases.id and f.source = ${sql.raw(`'${source}'`)})`;
