import { sql } from 'drizzle-orm';

/**
 * The one definition of the figures officials report, as SQL aggregate columns over `cases`:
 * - 征集 collected: every proposal; money = requested (estimated_cost)
 * - 确定 confirmed: approved, publicised, implementing, completed, evaluated; money = approved
 * - 实施 implemented: implementing, completed, evaluated; money = approved
 * - 完成 completed: completed, evaluated; money = spent (actual_cost)
 * - reserve 备选库 and declined 不予采纳 apart
 * - reports: received, open, resolved (resolved + closed), on time (resolved_at ≤ due_at)
 * The bot's 统计, the public community page and the console dashboard all select these, so they
 * can never disagree. Values come back as text (exact for sums of bigint); Number() them.
 */
export const CONFIRMED = `('approved','publicised','implementing','completed','evaluated')`;
export const IMPLEMENTED = `('implementing','completed','evaluated')`;
export const COMPLETED = `('completed','evaluated')`;
export const PROPOSAL = `kind = 'proposal'`;
export const REPORT = `kind = 'report'`;
export const OPEN_REPORT = `${REPORT} and status in ('submitted','accepted','in_progress')`;

export const countWhere = (cond: string) => sql<string>`count(*) filter (where ${sql.raw(cond)})::text`;
export const sumWhere = (col: string, cond: string) => sql<string>`coalesce(sum(${sql.raw(col)}) filter (where ${sql.raw(cond)}), 0)::text`;

export function stageColumns() {
  const p = PROPOSAL;
  return {
    collected: countWhere(p),
    requested: sumWhere('estimated_cost', p),
    confirmed: countWhere(`${p} and status in ${CONFIRMED}`),
    approved: sumWhere('approved_cost', `${p} and status in ${CONFIRMED}`),
    implemented: countWhere(`${p} and status in ${IMPLEMENTED}`),
    implementedApproved: sumWhere('approved_cost', `${p} and status in ${IMPLEMENTED}`),
    completed: countWhere(`${p} and status in ${COMPLETED}`),
    spent: sumWhere('actual_cost', `${p} and status in ${COMPLETED}`),
    reserve: countWhere(`${p} and status = 'reserve'`),
    declined: countWhere(`${p} and status = 'declined'`),
    received: countWhere(REPORT),
    open: countWhere(OPEN_REPORT),
    resolved: countWhere(`${REPORT} and status in ('resolved','closed')`),
    onTime: countWhere(`${REPORT} and status in ('resolved','closed') and resolved_at <= due_at`),
  };
}
