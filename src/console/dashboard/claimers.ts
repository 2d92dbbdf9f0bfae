import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import { caseStatusWhere } from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import { cases, claims } from '../../db/schema.js';
import type { Dashboard } from '../contract.js';

/** how many claimers the dashboard lists, the most generous first */
const LIMIT = 50;

/**
 * 认领方: who made the wishes of the period come true, by their public name and type: wishes they
 * claimed (confirmed claims), how many are fulfilled, and their value (what was given once known,
 * else the estimate), in fen. Contacts are not read.
 */
export async function wishClaimers(db: Db, where: SQL | undefined): Promise<Dashboard['wishClaimers']> {
  const done = caseStatusWhere((a) => a.phase === 'done');
  const rows = await db
    .select({
      claimerName: claims.claimerName,
      claimerType: claims.claimerType,
      claimed: sql<number>`count(*)::int`,
      fulfilled: sql<number>`(count(*) filter (where ${done}))::int`,
      value: sql<string>`coalesce(sum(coalesce(${cases.actualCost}, ${cases.estimatedCost})), 0)::text`,
    })
    .from(claims)
    .innerJoin(cases, eq(cases.id, claims.caseId))
    .where(and(eq(claims.status, 'confirmed'), where))
    .groupBy(claims.claimerName, claims.claimerType)
    .orderBy(desc(sql`count(*)`), claims.claimerName)
    .limit(LIMIT);
  return rows.map((r) => ({ ...r, claimed: Number(r.claimed), fulfilled: Number(r.fulfilled), value: Number(r.value) }));
}
