import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { getCommunity, type Community } from '../communities.js';
import { categoriesOf, type Actor, type CivicContext } from '../context.js';
import { casePayload, queueCasePush } from '../outbox.js';
import { civicTexts, fill } from '../texts.js';
import { claimCase } from './claim.js';
import { cleanNote, insertEvent, staleConflict } from './events.js';
import type { CaseRow } from '../kinds/kind.js';

/** who may move a case from where it is to where: street and community staff are held to their own; none: no one */
export type ReassignScope =
  | { kind: 'all' }
  | { kind: 'street'; streetId: string }
  | { kind: 'community'; communityId: string }
  | { kind: 'none' };

export interface ReassignInput {
  caseId: number;
  actor: Actor;
  /** the community that takes the case over */
  communityId: string;
  /** the scope of the staff member who moves it, checked here on the row as it is in the transaction */
  scope: ReassignScope;
  /** the status the caller saw; AppError 'conflict' when the case has moved on */
  from?: string;
  publicNote?: string;
  internalNote?: string;
}

/**
 * May this scope move the case (from its community, or its street when the community is not known)
 * to the target? A community's staff: cases of their own community, to any community (it is not
 * theirs: they hand it over). A street's staff: cases of their street, to a community of their
 * street (a case whose street no one knows waits in the admins' triage pool). All (admin): any.
 * None (deputies, units, read-only accounts): no.
 */
export function mayReassign(scope: ReassignScope, row: Pick<CaseRow, 'communityId' | 'streetId'>, from: Community | undefined, to: Community): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'street': {
      const street = from?.streetId ?? row.streetId;
      return street === scope.streetId && to.streetId === scope.streetId;
    }
    case 'community':
      return row.communityId !== null && row.communityId === scope.communityId;
    case 'none':
      return false;
  }
}

/**
 * 改派社区: a case filed at the wrong community (or only at a street, 不清楚) moves to another. One
 * transaction: the row (community and street), an event on the public timeline (a 'transferred'
 * event whose data says reassigned, from and to), and the subscribers' push. The subscribers follow the case, not the
 * community, so they keep following it. The due date is KEPT: the resident's clock does not restart
 * because the case was misrouted (the new community can still ask for more time through the
 * lifecycle's own moves).
 */
export async function reassignCommunity(db: Db, input: ReassignInput, ctx: CivicContext): Promise<{ eventId: number; queued: number }> {
  return db.transaction(async (tx) => {
    const to = await getCommunity(tx, input.communityId);
    const row = await claimCase(tx, { caseId: input.caseId, now: ctx.now, action: civicTexts.actions.reassign });
    if (input.from !== undefined && input.from !== row.status) throw staleConflict();
    if (row.communityId === to.id) throw new AppError('bad_request', civicTexts.errors.sameCommunity, { reason: 'same_community' });
    const from = row.communityId ? await getCommunity(tx, row.communityId) : undefined;
    if (!mayReassign(input.scope, row, from, to))
      throw new AppError('forbidden', civicTexts.errors.reassignOutOfScope, { reason: 'out_of_scope' });
    const [updated] = await tx
      .update(cases)
      .set({ communityId: to.id, streetId: to.streetId })
      .where(eq(cases.id, row.id))
      .returning();
    const publicNote = cleanNote(input.publicNote) ?? fill(civicTexts.notes.reassigned, { community: to.name });
    const eventId = await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: input.actor,
      // a transfer to another community: the timeline, the public page and the push read it as 转办
      type: 'transferred',
      publicNote,
      internalNote: cleanNote(input.internalNote) ?? null,
      data: {
        reassigned: true,
        fromCommunity: row.communityId,
        fromStreet: row.streetId,
        toCommunity: to.id,
        toStreet: to.streetId,
        dueAt: row.dueAt?.toISOString() ?? null,
      },
    });
    const payload = casePayload(updated!, 'transferred', ctx.now, { publicNote }, categoriesOf(ctx));
    const queued = await queueCasePush(tx, { kind: 'case_update', row: updated!, eventId, payload, now: ctx.now });
    return { eventId, queued };
  });
}
