import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { acceptances } from '../../db/schema.js';

/** did the latest acceptance (验收) of the case pass: what allows a project to be 完成 */
export async function acceptancePassed(db: Db, caseId: number): Promise<boolean> {
  const [last] = await db.select({ result: acceptances.result }).from(acceptances).where(eq(acceptances.caseId, caseId)).orderBy(desc(acceptances.id)).limit(1);
  return last?.result === 'passed';
}
