import type { z } from 'zod';
import { answerObjection, countOpenObjections, listObjections } from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import { writeAudit } from '../audit.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { objectionAnswerBodySchema } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { actorOf, civicCtx } from './actions.js';
import { scopeHook } from './scope.js';

/** the objections of a case (the route checked its scope), oldest first */
export async function caseObjections(db: Db, caseId: number) {
  const list = await listObjections(db, caseId);
  return {
    objections: list.map((o) => ({ ...o, createdAt: o.createdAt.toISOString(), answeredAt: o.answeredAt?.toISOString() ?? null })),
    open: await countOpenObjections(db, caseId),
  };
}

/**
 * 采纳 / 不采纳 one objection: the civic operation checks the user's scope on the case inside its
 * transaction (as every case write), moves the project back to review when accepted, and pushes the
 * objector; the audit row commits with it.
 */
export async function answerObjectionAction(
  deps: ConsoleDeps,
  me: StaffPrincipal,
  caseId: number,
  objectionId: number,
  b: z.output<typeof objectionAnswerBodySchema>,
) {
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx) => {
    const r = await answerObjection(
      tx,
      { caseId, objectionId, accepted: b.accepted, ...(b.answer ? { answer: b.answer } : {}), actor: actorOf(me), authorize: scopeHook(tx, me) },
      ctx,
    );
    await writeAudit(tx, {
      staffId: me.id,
      action: 'case.objection',
      target: `case:${caseId}`,
      before: { objectionId, status: 'open' },
      after: { status: r.status, answer: b.answer ?? null, moved: r.moved },
      at: ctx.now,
    });
    return { caseId, objectionId, status: r.status as 'accepted' | 'rejected', moved: r.moved };
  });
}
