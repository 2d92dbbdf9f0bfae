import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases, communities } from '../db/schema.js';
import { PROJECT_TYPES, type ProjectType } from './kinds/proposal.js';
import { CONFIRMED_PROPOSAL, countWhere, inStatus, stageColumns, stageFigures, sumWhere } from './stage-columns.js';
import { CHINA_OFFSET_MS } from '../china-time.js';

/**
 * The figures officials report (征集 / 确定 / 实施 / 完成 and the money), for the proposals filed in
 * `year` (created between 1 January and 31 December, Asia/Shanghai), in one community, one street
 * or everywhere. The buckets nest, as in the seeds' figures (Jinwan: 1,236 / 415 / 317 / 167):
 * - collected 征集: every proposal filed that year, whatever became of it; money = requested
 *   (sum of the residents' estimatedCost)
 * - confirmed 确定: approved, publicised, implementing, completed, evaluated; money = approved
 *   (sum of approvedCost)
 * - implemented 实施 (已实施，含实施中): implementing, completed, evaluated; money = approved
 * - completed 完成: completed, evaluated; money = spent (sum of actualCost)
 * reserve (备选库) and declined (不予采纳) are counted apart; reviewing/collected only in collected.
 * Money is in fen. byType splits confirmed by 工程类 / 服务类 / 货物类.
 * Reports (报修) of the year: received, open, resolved (resolved + closed), resolvedOnTime (of those,
 * resolved by the due date), rejected, duplicate.
 */
export interface CommunityStats {
  year: number;
  collected: { count: number; requested: number };
  confirmed: { count: number; approved: number };
  implemented: { count: number; approved: number };
  completed: { count: number; spent: number };
  reserve: number;
  declined: number;
  byType: Record<ProjectType, { confirmed: number; approved: number }>;
  reports: { received: number; open: number; resolved: number; resolvedOnTime: number; rejected: number; duplicate: number };
}


/**
 * confirmed count and approved money per project type, as columns type0, type0Money, … in the
 * order of PROJECT_TYPES (the stored values, a fixed enum of our own: safe to inline in SQL)
 */
function typeColumns(): Record<string, SQL<string>> {
  const cond = (t: ProjectType) => `${CONFIRMED_PROPOSAL} and project_type = '${t}'`;
  return Object.fromEntries(
    PROJECT_TYPES.flatMap((t, i) => [
      [`type${i}`, countWhere(cond(t))],
      [`type${i}Money`, sumWhere('approved_cost', cond(t))],
    ]),
  );
}

const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS);

export async function communityStats(
  db: Db,
  q: { communityId?: string; streetId?: string; year: number },
): Promise<CommunityStats> {
  const conds: SQL[] = [gte(cases.createdAt, yearStart(q.year)), lt(cases.createdAt, yearStart(q.year + 1))];
  if (q.communityId) conds.push(eq(cases.communityId, q.communityId));
  if (q.streetId)
    conds.push(sql`${cases.communityId} in (select ${communities.id} from ${communities} where ${communities.streetId} = ${q.streetId})`);
  const [row] = await db
    .select({
      ...stageColumns(),
      ...typeColumns(),
      rejected: countWhere(inStatus('report', 'rejected')),
      duplicate: countWhere(inStatus('report', 'duplicate')),
    })
    .from(cases)
    .where(and(...conds));
  const v = (k: string) => Number((row as Record<string, unknown> | undefined)?.[k] ?? 0);
  const f = stageFigures(row);
  return {
    year: q.year,
    ...f,
    byType: Object.fromEntries(
      PROJECT_TYPES.map((t, i) => [t, { confirmed: v(`type${i}`), approved: v(`type${i}Money`) }]),
    ) as CommunityStats['byType'],
    reports: { ...f.reports, rejected: v('rejected'), duplicate: v('duplicate') },
  };
}
