import { and, count, eq } from 'drizzle-orm';
import type { AfterContext } from './kinds/kind.js';
import type { Db } from '../db/client.js';
import { proposalObjections } from '../db/schema.js';
import { civicTexts } from './texts.js';

// Its own file: the proposal kind's lifecycle (publicity.ts, proposal.ts) uses it, and objections.ts
// moves cases through that lifecycle; one module holding both would be an import cycle.

/** the objections not answered yet (an open one keeps the project from 开始实施) */
export async function countOpenObjections(db: Db, caseId: number): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(proposalObjections)
    .where(and(eq(proposalObjections.caseId, caseId), eq(proposalObjections.status, 'open')));
  return Number(r?.n ?? 0);
}

/**
 * The project left 公示 for review again (an objection 采纳, or staff sent it back): the objections
 * still open are closed with it (superseded: considered in the new review) and each objector is
 * told; the next 公示 takes objections afresh. Called by the lifecycle edge's `after`.
 */
export async function supersedeOpenObjections(c: AfterContext): Promise<void> {
  const answer = civicTexts.objection.supersededAnswer;
  const closed = await c.tx
    .update(proposalObjections)
    .set({ status: 'superseded', answer, answeredBy: c.actor.id ?? null, answeredAt: c.now })
    .where(and(eq(proposalObjections.caseId, c.row.id), eq(proposalObjections.status, 'open')))
    .returning({ id: proposalObjections.id, openid: proposalObjections.openid });
  for (const o of closed) await c.tell(o.openid, civicTexts.objection.supersededPush, `objection:${o.id}:${o.openid}`);
}
