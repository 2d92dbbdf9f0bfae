import { and, eq, gte, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { budgetEnvelopes, cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { getCommunity } from '../communities.js';
import type { Actor } from '../context.js';
import { parseInput } from '../intake.js';
import type { CaseRow } from '../kinds/kind.js';
import { kindModule } from '../kinds/registry.js';
import { civicTexts } from '../texts.js';
import { proposal } from '../kinds/proposal.js';

/**
 * 年度预算 (envelopes): a street sets, for a year, how much each of its communities (and it itself,
 * community null) may approve. What a year spends is the approved budget of its proposals approved
 * that year (China's calendar) that are still on the path (确定, 公示, 实施, 完成: a project sent
 * back to review or left off the path spends nothing).
 */

export const envelopeInputSchema = z.object({
  streetId: z.string().min(1),
  /** null or absent: the street's own envelope */
  communityId: z.string().min(1).nullish(),
  year: z.number().int().min(2000).max(2100),
  /** fen (分) */
  amount: z.number().int().min(0).max(1e13),
});
export type EnvelopeInput = z.input<typeof envelopeInputSchema>;

export interface EnvelopeStanding {
  streetId: string;
  communityId: string | null;
  year: number;
  /** fen */
  amount: number;
  /** fen: approved this year */
  spent: number;
  /** fen: amount − spent (negative when a manager approved beyond it) */
  remaining: number;
}

/** the first instant of a China calendar year, and of the next */
export const yearBounds = (year: number): [Date, Date] => [new Date(`${year}-01-01T00:00:00+08:00`), new Date(`${year + 1}-01-01T00:00:00+08:00`)];

/** the statuses in which an approved proposal spends its envelope (phase confirmed, working, done) */
export function spendingStatuses(): string[] {
  const statuses = kindModule(proposal.kind).lifecycle.statuses as Record<string, { phase: string }>;
  return Object.entries(statuses)
    .filter(([, a]) => a.phase === 'confirmed' || a.phase === 'working' || a.phase === 'done')
    .map(([s]) => s);
}

const place = (streetId: string, communityId: string | null) =>
  and(eq(cases.streetId, streetId), communityId === null ? isNull(cases.communityId) : eq(cases.communityId, communityId));

/** what the year's approved proposals of a place spend, in fen (a case left out: the one being approved again) */
export async function spentOf(db: Db, o: { streetId: string; communityId: string | null; year: number; except?: number }): Promise<number> {
  const [from, to] = yearBounds(o.year);
  const [r] = await db
    .select({ spent: sql<string>`coalesce(sum(${cases.approvedCost}), 0)` })
    .from(cases)
    .where(
      and(
        eq(cases.kind, proposal.kind),
        place(o.streetId, o.communityId),
        inArray(cases.status, spendingStatuses()),
        gte(cases.approvedAt, from),
        lt(cases.approvedAt, to),
        o.except !== undefined ? ne(cases.id, o.except) : undefined,
      ),
    );
  return Number(r?.spent ?? 0);
}

/** the envelope of a place and year with what is spent and left; undefined when the street set none */
export async function envelopeOf(db: Db, o: { streetId: string; communityId: string | null; year: number; except?: number }): Promise<EnvelopeStanding | undefined> {
  const [e] = await db
    .select()
    .from(budgetEnvelopes)
    .where(
      and(
        eq(budgetEnvelopes.streetId, o.streetId),
        o.communityId === null ? isNull(budgetEnvelopes.communityId) : eq(budgetEnvelopes.communityId, o.communityId),
        eq(budgetEnvelopes.year, o.year),
      ),
    );
  if (!e) return undefined;
  const spent = await spentOf(db, o);
  return { streetId: e.streetId, communityId: e.communityId, year: e.year, amount: e.amount, spent, remaining: e.amount - spent };
}

/** the envelope a proposal being approved spends: its community's (or its street's own, without one), for the year of `now`, not counting itself */
export async function envelopeForCase(db: Db, row: CaseRow, year: number): Promise<EnvelopeStanding | undefined> {
  if (!row.streetId) return undefined;
  return envelopeOf(db, { streetId: row.streetId, communityId: row.communityId, year, except: row.id });
}

export interface SetEnvelopeInput {
  envelope: EnvelopeInput;
  actor: Actor;
  /** the staff scope check on the street, inside the transaction */
  authorizeStreet?: (streetId: string) => void | Promise<void>;
}

/** sets (or changes) a year's envelope of a community or of the street itself; answers it as it now stands, with what it was */
export async function setEnvelope(db: Db, input: SetEnvelopeInput, now: Date): Promise<{ envelope: EnvelopeStanding; before: number | null }> {
  const e = parseInput(envelopeInputSchema, input.envelope, civicTexts.inputWhat.envelope);
  const communityId = e.communityId ?? null;
  return db.transaction(async (tx) => {
    if (input.authorizeStreet) await input.authorizeStreet(e.streetId);
    if (communityId !== null) {
      const c = await getCommunity(tx, communityId);
      if (c.streetId !== e.streetId) throw new AppError('bad_request', civicTexts.errors.envelopeOtherStreet, { reason: 'other_street' });
    }
    const key = { streetId: e.streetId, communityId, year: e.year };
    const old = await envelopeOf(tx, key);
    await tx
      .insert(budgetEnvelopes)
      .values({ ...key, amount: e.amount, updatedBy: input.actor.id, updatedAt: now })
      .onConflictDoUpdate({
        target: [budgetEnvelopes.streetId, budgetEnvelopes.communityId, budgetEnvelopes.year],
        set: { amount: e.amount, updatedBy: input.actor.id, updatedAt: now },
      });
    const standing = await envelopeOf(tx, key);
    return { envelope: standing!, before: old?.amount ?? null };
  });
}

/** every envelope of the streets given (undefined: all) for a year, as it stands */
export async function listEnvelopes(db: Db, o: { streetIds?: readonly string[]; year: number }): Promise<EnvelopeStanding[]> {
  if (o.streetIds && !o.streetIds.length) return [];
  const rows = await db
    .select()
    .from(budgetEnvelopes)
    .where(and(eq(budgetEnvelopes.year, o.year), o.streetIds ? inArray(budgetEnvelopes.streetId, [...o.streetIds]) : undefined))
    .orderBy(budgetEnvelopes.streetId, budgetEnvelopes.communityId);
  const out: EnvelopeStanding[] = [];
  for (const e of rows) {
    const spent = await spentOf(db, { streetId: e.streetId, communityId: e.communityId, year: e.year });
    out.push({ streetId: e.streetId, communityId: e.communityId, year: e.year, amount: e.amount, spent, remaining: e.amount - spent });
  }
  return out;
}
