import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases } from '../../db/schema.js';
import { OPEN_REPORT, stageColumns, stageFigures } from '../../civic/stage-columns.js';
import type { Figures } from '../contract.js';

/**
 * The figures officials report, for cases created in the period, per community; the buckets are
 * src/civic/stage-columns.ts (shared with the bot's 统计 and the public pages); here the period is
 * any [from, to):
 * 征集 / 确定 / 实施 / 完成 with their money, 备选库 and 不予采纳 apart; reports received, open,
 * resolved, resolved on time, and overdue (open past due_at now)
 * Money in fen.
 */

export const zeroFigures = (): Figures => ({
  collected: { count: 0, requested: 0 },
  confirmed: { count: 0, approved: 0 },
  implemented: { count: 0, approved: 0 },
  completed: { count: 0, spent: 0 },
  reserve: 0,
  declined: 0,
  reports: { received: 0, open: 0, resolved: 0, resolvedOnTime: 0, overdue: 0 },
});

export function addFigures(a: Figures, b: Figures): Figures {
  return {
    collected: { count: a.collected.count + b.collected.count, requested: a.collected.requested + b.collected.requested },
    confirmed: { count: a.confirmed.count + b.confirmed.count, approved: a.confirmed.approved + b.confirmed.approved },
    implemented: { count: a.implemented.count + b.implemented.count, approved: a.implemented.approved + b.implemented.approved },
    completed: { count: a.completed.count + b.completed.count, spent: a.completed.spent + b.completed.spent },
    reserve: a.reserve + b.reserve,
    declined: a.declined + b.declined,
    reports: {
      received: a.reports.received + b.reports.received,
      open: a.reports.open + b.reports.open,
      resolved: a.reports.resolved + b.reports.resolved,
      resolvedOnTime: a.reports.resolvedOnTime + b.reports.resolvedOnTime,
      overdue: a.reports.overdue + b.reports.overdue,
    },
  };
}

/** figures per community id (null: cases without a community) */
export async function figuresByCommunity(db: Db, where: SQL | undefined, now: Date): Promise<Map<string | null, Figures>> {
  const rows = await db
    .select({
      communityId: cases.communityId,
      ...stageColumns(),
      overdue: sql<string>`count(*) filter (where ${sql.raw(OPEN_REPORT)} and due_at < ${now.toISOString()}::timestamptz)::text`,
    })
    .from(cases)
    .where(where)
    .groupBy(cases.communityId);
  const out = new Map<string | null, Figures>();
  for (const r of rows) {
    const f = stageFigures(r);
    out.set(r.communityId, { ...f, reports: { ...f.reports, overdue: Number(r.overdue ?? 0) } });
  }
  return out;
}
