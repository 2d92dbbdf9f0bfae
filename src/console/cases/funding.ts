import type { z } from 'zod';
import { addFunding, listFunding, removeFunding, type FundingSource as CivicFundingSource } from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import { writeAudit } from '../audit.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { FundingLine, FundingSource, fundingBodySchema } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { staffNames } from '../staff.js';
import { actorOf, civicCtx } from './actions.js';
import { scopeHook } from './scope.js';

/** the contract's list of sources is civic's, word for word (either way round, or this does not build) */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameSources: Same<FundingSource, CivicFundingSource> = true;
void sameSources;

/** a staff actor id ("12") as a number, when it is one */
const staffId = (actorId: string | null): number | undefined => (actorId && /^\d+$/.test(actorId) ? Number(actorId) : undefined);

/** 资金来源 of a case as staff see them, in the order entered, with who entered each line */
export async function fundingForStaff(db: Db, caseId: number): Promise<FundingLine[]> {
  const rows = await listFunding(db, caseId);
  const names = await staffNames(db, rows.flatMap((r) => (staffId(r.createdBy) ? [staffId(r.createdBy)!] : [])));
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    funder: r.funder,
    amount: r.amount,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    createdBy: staffId(r.createdBy) ? (names.get(staffId(r.createdBy)!) ?? `工作人员 #${r.createdBy}`) : r.createdBy,
  }));
}

/**
 * Adds one line of 资金来源, with its audit row, in one transaction; civic refuses a kind that keeps
 * no funding, and the user's scope is checked again on the case row inside the transaction.
 */
export function addCaseFunding(deps: ConsoleDeps, me: StaffPrincipal, caseId: number, b: z.output<typeof fundingBodySchema>) {
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx) => {
    const r = await addFunding(
      tx,
      {
        caseId,
        source: b.source,
        amount: b.amount,
        ...(b.funder ? { funder: b.funder } : {}),
        ...(b.note ? { note: b.note } : {}),
        actor: actorOf(me),
        authorize: scopeHook(tx, me),
      },
      ctx,
    );
    await writeAudit(tx, {
      staffId: me.id,
      action: 'case.funding_add',
      target: `case:${caseId}`,
      after: { fundingId: r.fundingId, source: b.source, funder: b.funder ?? null, amount: b.amount, note: b.note ?? null, eventId: r.eventId },
      at: ctx.now,
    });
    return r;
  });
}

/** removes a line entered by mistake; the audit row keeps what it said */
export function removeCaseFunding(deps: ConsoleDeps, me: StaffPrincipal, caseId: number, fundingId: number) {
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx) => {
    const before = (await listFunding(tx, caseId)).find((f) => f.id === fundingId);
    const r = await removeFunding(tx, { caseId, fundingId, actor: actorOf(me), authorize: scopeHook(tx, me) }, ctx);
    await writeAudit(tx, {
      staffId: me.id,
      action: 'case.funding_remove',
      target: `case:${caseId}`,
      before: before ? { fundingId, source: before.source, funder: before.funder, amount: before.amount, note: before.note } : { fundingId },
      after: { eventId: r.eventId },
      at: ctx.now,
    });
    return r;
  });
}
