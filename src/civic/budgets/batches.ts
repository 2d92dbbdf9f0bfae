import { and, asc, desc, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { batches, cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor, CivicContext } from '../context.js';
import { categoriesOf } from '../context.js';
import { parseInput } from '../intake.js';
import type { CaseRow } from '../kinds/kind.js';
import { statusLabel } from '../kinds/kind-texts.js';
import { insertEvent } from '../lifecycle/events.js';
import { findEdge, transitionInTx } from '../lifecycle/transition.js';
import { formatDate } from '../../texts/format.js';
import { queueNotePush, reachableSubscribers } from '../outbox.js';
import { civicTexts, fill } from '../texts.js';
import { proposal } from '../kinds/proposal.js';

/**
 * 批次: a street's approved proposals of a year, numbered (第一批 58 项 …) and published together.
 * A proposal in a batch keeps the batch's title in cases.batch (what the 报表, exports and public
 * pages read) and its record in cases.batch_id. Publishing tells each proposer and supporter once,
 * however many of their proposals the batch holds.
 */

export type BatchRow = typeof batches.$inferSelect;

export const batchInputSchema = z.object({
  streetId: z.string().min(1),
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(1).max(40),
});
export type BatchInput = z.input<typeof batchInputSchema>;

export interface BatchSummary extends BatchRow {
  /** proposals in it */
  count: number;
  /** fen: their approved budgets */
  approvedCost: number;
}

/** the status a proposal must be in to enter a batch: decided, not yet in 公示 or beyond */
const BATCHABLE = ['approved'];

export async function batchRow(db: Db, id: number): Promise<BatchRow> {
  const [b] = await db.select().from(batches).where(eq(batches.id, id));
  if (!b) throw new AppError('not_found', civicTexts.errors.batchNotFound, { reason: 'unknown_batch' });
  return b;
}

/** a new batch of the street's year, numbered after the last one */
export async function createBatch(
  db: Db,
  input: { batch: BatchInput; actor: Actor; authorizeStreet?: (streetId: string) => void | Promise<void> },
  ctx: CivicContext,
): Promise<BatchRow> {
  const b = parseInput(batchInputSchema, input.batch, civicTexts.inputWhat.batch);
  return db.transaction(async (tx) => {
    if (input.authorizeStreet) await input.authorizeStreet(b.streetId);
    // one numbering per street and year: the unique index refuses a concurrent twin, which retries as a conflict
    const [last] = await tx
      .select({ n: max(batches.number) })
      .from(batches)
      .where(and(eq(batches.streetId, b.streetId), eq(batches.year, b.year)));
    const [row] = await tx
      .insert(batches)
      .values({ streetId: b.streetId, year: b.year, number: (last?.n ?? 0) + 1, title: b.title, createdBy: input.actor.id, createdAt: ctx.now })
      .returning();
    return row!;
  });
}

/**
 * The batch locked for a change (FOR UPDATE, so two staff members' edits queue), its street in the
 * caller's scope, and not yet published: a published batch is closed (AppError conflict).
 */
async function lockOpenBatch(tx: Db, input: { batchId: number; authorizeStreet?: ((streetId: string) => void | Promise<void>) | undefined }): Promise<BatchRow> {
  const [b] = await tx.select().from(batches).where(eq(batches.id, input.batchId)).for('update');
  if (!b) throw new AppError('not_found', civicTexts.errors.batchNotFound, { reason: 'unknown_batch' });
  if (input.authorizeStreet) await input.authorizeStreet(b.streetId);
  if (b.publishedAt) throw new AppError('conflict', fill(civicTexts.errors.batchPublished, { batch: b.title }), { reason: 'batch_published' });
  return b;
}

/**
 * Puts approved proposals of the batch's street into it (one transaction: any refused, none moves).
 * `authorize` is the staff scope check on each proposal, as every case write.
 */
export async function addToBatch(
  db: Db,
  input: {
    batchId: number;
    caseIds: readonly number[];
    actor: Actor;
    authorizeStreet?: (streetId: string) => void | Promise<void>;
    authorize?: (row: CaseRow) => void | Promise<void>;
  },
  ctx: CivicContext,
): Promise<{ added: number[] }> {
  return db.transaction(async (tx) => {
    const b = await lockOpenBatch(tx, input);
    const ids = [...new Set(input.caseIds)];
    const rows = ids.length ? await tx.select().from(cases).where(inArray(cases.id, ids)).orderBy(asc(cases.id)).for('update') : [];
    for (const id of ids) if (!rows.some((r) => r.id === id)) throw new AppError('not_found', fill(civicTexts.errors.caseNotFound, { number: id }), { reason: 'unknown_case' });
    for (const row of rows) {
      if (input.authorize) await input.authorize(row);
      if (row.kind !== proposal.kind || row.streetId !== b.streetId)
        throw new AppError('bad_request', fill(civicTexts.errors.batchOtherStreet, { number: row.id }), { reason: 'other_street' });
      if (!BATCHABLE.includes(row.status))
        throw new AppError('bad_request', fill(civicTexts.errors.batchNotApproved, { number: row.id, status: statusLabel(row.kind, row.status) }), { reason: 'not_approved' });
    }
    for (const row of rows) {
      if (row.batchId === b.id) continue;
      await tx.update(cases).set({ batchId: b.id, batch: b.title, updatedAt: ctx.now }).where(eq(cases.id, row.id));
      await insertEvent(tx, {
        caseId: row.id,
        at: ctx.now,
        actor: input.actor,
        type: 'note',
        internalNote: fill(civicTexts.staff.internal.batched, { batch: b.title }),
        data: { batchId: b.id, fromBatchId: row.batchId, fromBatch: row.batch },
      });
    }
    return { added: rows.map((r) => r.id) };
  });
}

/** takes a proposal out of a batch not yet published (put in by mistake); its timeline keeps both moves */
export async function removeFromBatch(
  db: Db,
  input: {
    batchId: number;
    caseId: number;
    actor: Actor;
    authorizeStreet?: (streetId: string) => void | Promise<void>;
    authorize?: (row: CaseRow) => void | Promise<void>;
  },
  ctx: CivicContext,
): Promise<void> {
  await db.transaction(async (tx) => {
    const b = await lockOpenBatch(tx, input);
    const [row] = await tx.select().from(cases).where(and(eq(cases.id, input.caseId), eq(cases.batchId, b.id))).for('update');
    if (!row) throw new AppError('not_found', fill(civicTexts.errors.caseNotFound, { number: input.caseId }), { reason: 'unknown_case' });
    if (input.authorize) await input.authorize(row);
    await tx.update(cases).set({ batchId: null, batch: null, updatedAt: ctx.now }).where(eq(cases.id, row.id));
    await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: input.actor,
      type: 'note',
      internalNote: fill(civicTexts.staff.internal.unbatched, { batch: b.title }),
      data: { fromBatchId: b.id, fromBatch: b.title },
    });
  });
}

/**
 * 公布: the batch and its proposals are public together. Each proposal's timeline gains the public
 * note; each reachable proposer or supporter is pushed once for the whole batch (the outbox key is
 * the batch and the resident), about the first of their proposals in it.
 */
export async function publishBatch(
  db: Db,
  input: {
    batchId: number;
    actor: Actor;
    authorizeStreet?: (streetId: string) => void | Promise<void>;
    /** the 公示 the batch's approved proposals enter with it (at least the account's minimum days); none: they stay 确定 */
    publicity?: { start: Date; end: Date } | undefined;
  },
  ctx: CivicContext,
): Promise<{ batch: BatchRow; cases: number; queued: number; publicised: number }> {
  return db.transaction(async (tx) => {
    const b = await lockOpenBatch(tx, input);
    const rows = await tx.select().from(cases).where(eq(cases.batchId, b.id)).orderBy(asc(cases.id));
    if (!rows.length) throw new AppError('bad_request', civicTexts.errors.batchEmpty, { reason: 'batch_empty' });
    const [published] = await tx.update(batches).set({ publishedAt: ctx.now, publishedBy: input.actor.id }).where(eq(batches.id, b.id)).returning();
    const publicised = input.publicity ? await publiciseAll(tx, rows, { ...input.publicity, batch: b.title }, input.actor, ctx) : { moved: new Set<number>(), queued: 0 };
    const note = fill(civicTexts.notes.batchPublished, { batch: b.title });
    const told = new Set<string>();
    for (const row of rows) {
      if (publicised.moved.has(row.id)) continue;
      const eventId = await insertEvent(tx, { caseId: row.id, at: ctx.now, actor: input.actor, type: 'note', publicNote: note, data: { batchId: b.id } });
      for (const openid of await reachableSubscribers(tx, row.id)) {
        if (told.has(openid)) continue;
        told.add(openid);
        await queueNotePush(tx, { row, openid, note, key: `batch:${b.id}:${openid}`, eventId, now: ctx.now, categories: categoriesOf(ctx) });
      }
    }
    return { batch: published!, cases: rows.length, queued: told.size + publicised.queued, publicised: publicised.moved.size };
  });
}

/** the status a proposal is announced in (公示): the one its lifecycle marks announce */
const ANNOUNCED = Object.entries(proposal.lifecycle.statuses).find(([, a]) => a.announce)?.[0];

/**
 * 公布 with 公示: each proposal the lifecycle lets enter the notice from where it stands (确定) does,
 * with the batch's dates, through the lifecycle's own move: its length rule, its event, its pushes
 * (the proposer and supporters, and the community's followers as for any 公示), the batch named in
 * its note. Returns the cases moved and the pushes queued.
 */
async function publiciseAll(
  tx: Db,
  rows: readonly CaseRow[],
  p: { start: Date; end: Date; batch: string },
  actor: Actor,
  ctx: CivicContext,
): Promise<{ moved: Set<number>; queued: number }> {
  const moved = new Set<number>();
  let queued = 0;
  if (!ANNOUNCED) return { moved, queued };
  for (const row of rows) {
    if (!findEdge(row.kind, row.status, ANNOUNCED)) continue;
    const publicNote = fill(civicTexts.notes.batchPublicised, { batch: p.batch, end: formatDate(p.end, ctx.now), number: row.id });
    const r = await transitionInTx(tx, { caseId: row.id, to: ANNOUNCED, actor, publicNote, data: { publicityStart: p.start, publicityEnd: p.end } }, ctx);
    moved.add(row.id);
    queued += r.queued;
  }
  return { moved, queued };
}

/** the batches of the streets given (undefined: all), of a year or every year, the latest first, with their counts and money */
export async function listBatches(db: Db, o: { streetIds?: readonly string[]; year?: number; publishedOnly?: boolean }): Promise<BatchSummary[]> {
  if (o.streetIds && !o.streetIds.length) return [];
  const rows = await db
    .select({
      b: batches,
      count: sql<number>`count(${cases.id})::int`,
      approvedCost: sql<string>`coalesce(sum(${cases.approvedCost}), 0)`,
    })
    .from(batches)
    .leftJoin(cases, eq(cases.batchId, batches.id))
    .where(
      and(
        o.streetIds ? inArray(batches.streetId, [...o.streetIds]) : undefined,
        o.year !== undefined ? eq(batches.year, o.year) : undefined,
        o.publishedOnly ? isNotNull(batches.publishedAt) : undefined,
      ),
    )
    .groupBy(batches.id)
    .orderBy(desc(batches.year), batches.streetId, desc(batches.number));
  return rows.map((r) => ({ ...r.b, count: r.count, approvedCost: Number(r.approvedCost) }));
}

/** the proposals of a batch, by number */
export async function batchCases(db: Db, batchId: number): Promise<CaseRow[]> {
  return db.select().from(cases).where(eq(cases.batchId, batchId)).orderBy(asc(cases.id));
}
