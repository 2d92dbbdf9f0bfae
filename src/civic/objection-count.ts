import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { proposalObjections } from '../db/schema.js';

// Its own file: the proposal kind's lifecycle (publicity.ts) reads it, and objections.ts moves cases
// through that lifecycle; one module holding both would be an import cycle.

/** the objections not answered yet (an open one keeps the project from 开始实施) */
export async function countOpenObjections(db: Db, caseId: number): Promise<number> {
  const [r] = await db
    .select({ n: count() })
    .from(proposalObjections)
    .where(and(eq(proposalObjections.caseId, caseId), eq(proposalObjections.status, 'open')));
  return Number(r?.n ?? 0);
}
