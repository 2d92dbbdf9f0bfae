import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { addToBatch, batchCases, removeFromBatch, batchRow, caseTitle, createBatch, listBatches, listCommunities, publishBatch, statusLabel, type BatchSummary, type CaseRow } from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { writeAudit } from '../audit.js';
import { scopeOf } from '../auth/policy.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { actorOf, civicCtx } from '../cases/actions.js';
import { scopeHook } from '../cases/scope.js';
import type { batchBodySchema, batchDetailSchema, batchListQuerySchema, batchSchema } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { assertStreetScope } from './street-scope.js';
import { proposal } from '../../civic/kinds/proposal.js';

type Batch = z.infer<typeof batchSchema>;

async function names(db: Db) {
  const all = await listCommunities(db);
  return { community: new Map(all.map((c) => [c.id, c.name])), street: new Map(all.map((c) => [c.streetId, c.streetName])) };
}

const shown = (b: BatchSummary | (Omit<BatchSummary, 'count' | 'approvedCost'> & { count: number; approvedCost: number }), streets: Map<string, string>): Batch => ({
  id: b.id,
  streetId: b.streetId,
  streetName: streets.get(b.streetId) ?? b.streetId,
  year: b.year,
  number: b.number,
  title: b.title,
  publishedAt: b.publishedAt ? b.publishedAt.toISOString() : null,
  count: b.count,
  approvedCost: b.approvedCost,
});

/** the streets whose batches the user sees (undefined: all) */
async function streetsInScope(db: Db, me: StaffPrincipal): Promise<string[] | undefined> {
  const s = scopeOf(me);
  if (s.kind === 'all') return undefined;
  const all = await listCommunities(db);
  return [...new Set(all.map((c) => c.streetId))].filter((id) => s.kind === 'street' ? id === s.streetId : s.kind === 'community' ? all.some((c) => c.id === s.communityId && c.streetId === id) : false);
}

export async function batchList(deps: ConsoleDeps, me: StaffPrincipal, q: z.output<typeof batchListQuerySchema>) {
  const inScope = await streetsInScope(deps.db, me);
  const streetIds = q.streetId ? (inScope && !inScope.includes(q.streetId) ? [] : [q.streetId]) : inScope;
  const list = await listBatches(deps.db, { ...(streetIds ? { streetIds } : {}), ...(q.year !== undefined ? { year: q.year } : {}) });
  const n = await names(deps.db);
  return { batches: list.map((b) => shown(b, n.street)) };
}

export async function batchCreateAction(deps: ConsoleDeps, me: StaffPrincipal, b: z.output<typeof batchBodySchema>): Promise<Batch> {
  const ctx = civicCtx(deps);
  const row = await deps.db.transaction(async (tx) => {
    const r = await createBatch(tx, { batch: b, actor: actorOf(me), authorizeStreet: (streetId) => assertStreetScope(tx, me, streetId) }, ctx);
    await writeAudit(tx, { staffId: me.id, action: 'batch.create', target: `batch:${r.id}`, after: { streetId: r.streetId, year: r.year, number: r.number, title: r.title }, at: ctx.now });
    return r;
  });
  return shown({ ...row, count: 0, approvedCost: 0 }, (await names(deps.db)).street);
}

const caseLine = (r: CaseRow, communities: Map<string, string>) => ({
  id: r.id,
  title: caseTitle(r),
  communityId: r.communityId,
  communityName: r.communityId ? (communities.get(r.communityId) ?? r.communityId) : null,
  projectType: r.projectType,
  status: r.status,
  statusLabel: statusLabel(r.kind, r.status),
  approvedCost: r.approvedCost,
});

/** one batch with its proposals, and while unpublished the street's approved proposals in no batch (those the user may see) */
export async function batchDetail(deps: ConsoleDeps, me: StaffPrincipal, id: number): Promise<z.infer<typeof batchDetailSchema>> {
  const b = await batchRow(deps.db, id);
  await assertStreetScope(deps.db, me, b.streetId);
  const rows = await batchCases(deps.db, b.id);
  const free = b.publishedAt
    ? []
    : await deps.db
        .select()
        .from(cases)
        .where(and(eq(cases.kind, proposal.kind), eq(cases.streetId, b.streetId), eq(cases.status, 'approved'), isNull(cases.batchId)))
        .orderBy(asc(cases.id));
  const s = scopeOf(me);
  const mine = (r: CaseRow) => s.kind !== 'community' || r.communityId === s.communityId;
  const n = await names(deps.db);
  const summary = { ...b, count: rows.length, approvedCost: rows.reduce((t, r) => t + (r.approvedCost ?? 0), 0) };
  return { ...shown(summary, n.street), cases: rows.map((r) => caseLine(r, n.community)), candidates: free.filter(mine).map((r) => caseLine(r, n.community)) };
}

/** puts proposals into the batch: the street and each case's scope checked inside the transaction; audited */
export async function batchAddCasesAction(deps: ConsoleDeps, me: StaffPrincipal, id: number, caseIds: number[]) {
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx) => {
    const r = await addToBatch(tx, { batchId: id, caseIds, actor: actorOf(me), authorizeStreet: (streetId) => assertStreetScope(tx, me, streetId), authorize: scopeHook(tx, me) }, ctx);
    await writeAudit(tx, { staffId: me.id, action: 'batch.add', target: `batch:${id}`, after: { caseIds: r.added }, at: ctx.now });
    return r;
  });
}

/** takes a proposal out of a batch not yet published: scope checked inside; audited */
export async function batchRemoveCaseAction(deps: ConsoleDeps, me: StaffPrincipal, id: number, caseId: number) {
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx) => {
    await removeFromBatch(tx, { batchId: id, caseId, actor: actorOf(me), authorizeStreet: (streetId) => assertStreetScope(tx, me, streetId), authorize: scopeHook(tx, me) }, ctx);
    await writeAudit(tx, { staffId: me.id, action: 'batch.remove', target: `batch:${id}`, after: { caseId }, at: ctx.now });
    return { ok: true as const };
  });
}

/** 公布: audited with what was pushed */
export async function batchPublishAction(deps: ConsoleDeps, me: StaffPrincipal, id: number, publicity?: { start: Date; end: Date }) {
  const ctx = civicCtx(deps);
  const r = await deps.db.transaction(async (tx) => {
    const p = await publishBatch(tx, { batchId: id, actor: actorOf(me), authorizeStreet: (streetId) => assertStreetScope(tx, me, streetId), publicity }, ctx);
    const after = { cases: p.cases, queued: p.queued, publishedAt: p.batch.publishedAt, publicised: p.publicised, ...(publicity ? { publicityStart: publicity.start, publicityEnd: publicity.end } : {}) };
    await writeAudit(tx, { staffId: me.id, action: 'batch.publish', target: `batch:${id}`, after, at: ctx.now });
    return p;
  });
  const n = await names(deps.db);
  const [summary] = (await listBatches(deps.db, { streetIds: [r.batch.streetId], year: r.batch.year })).filter((b) => b.id === id);
  return { batch: shown(summary!, n.street), cases: r.cases, queued: r.queued, publicised: r.publicised };
}
