import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases, communities } from '../db/schema.js';
import { CONFIRMED, countWhere, PROPOSAL, REPORT, stageColumns, sumWhere } from './stage-columns.js';

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
  byType: Record<'工程类' | '服务类' | '货物类', { confirmed: number; approved: number }>;
  reports: { received: number; open: number; resolved: number; resolvedOnTime: number; rejected: number; duplicate: number };
}


const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - 8 * 3600_000);

export async function communityStats(
  db: Db,
  q: { communityId?: string; streetId?: string; year: number },
): Promise<CommunityStats> {
  const conds: SQL[] = [gte(cases.createdAt, yearStart(q.year)), lt(cases.createdAt, yearStart(q.year + 1))];
  if (q.communityId) conds.push(eq(cases.communityId, q.communityId));
  if (q.streetId)
    conds.push(sql`${cases.communityId} in (select ${communities.id} from ${communities} where ${communities.streetId} = ${q.streetId})`);
  const n = countWhere;
  const money = sumWhere;
  const p = PROPOSAL;
  const r = REPORT;
  const [row] = await db
    .select({
      ...stageColumns(),
      eng: n(`${p} and status in ${CONFIRMED} and project_type = '工程类'`),
      engMoney: money('approved_cost', `${p} and status in ${CONFIRMED} and project_type = '工程类'`),
      svc: n(`${p} and status in ${CONFIRMED} and project_type = '服务类'`),
      svcMoney: money('approved_cost', `${p} and status in ${CONFIRMED} and project_type = '服务类'`),
      goods: n(`${p} and status in ${CONFIRMED} and project_type = '货物类'`),
      goodsMoney: money('approved_cost', `${p} and status in ${CONFIRMED} and project_type = '货物类'`),
      rejected: n(`${r} and status = 'rejected'`),
      duplicate: n(`${r} and status = 'duplicate'`),
    })
    .from(cases)
    .where(and(...conds));
  const v = (k: keyof NonNullable<typeof row>) => Number(row?.[k] ?? 0);
  return {
    year: q.year,
    collected: { count: v('collected'), requested: v('requested') },
    confirmed: { count: v('confirmed'), approved: v('approved') },
    implemented: { count: v('implemented'), approved: v('implementedApproved') },
    completed: { count: v('completed'), spent: v('spent') },
    reserve: v('reserve'),
    declined: v('declined'),
    byType: {
      工程类: { confirmed: v('eng'), approved: v('engMoney') },
      服务类: { confirmed: v('svc'), approved: v('svcMoney') },
      货物类: { confirmed: v('goods'), approved: v('goodsMoney') },
    },
    reports: {
      received: v('received'),
      open: v('open'),
      resolved: v('resolved'),
      resolvedOnTime: v('onTime'),
      rejected: v('rejected'),
      duplicate: v('duplicate'),
    },
  };
}
