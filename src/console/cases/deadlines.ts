import { and, lte } from 'drizzle-orm';
import { caseStatusWhere, dueKinds } from '../../civic/index.js';
import type { z } from 'zod';
import { cases } from '../../db/schema.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { deadlinesQuerySchema } from '../contract.js';
import { hoursBetween } from '../dates.js';
import type { ConsoleDeps } from '../deps.js';
import { caseWhere, overdueSql, selectCases } from './query.js';
import { toSummary } from './summary.js';
import { supervisionOf } from './supervise.js';

const LIMIT = 500;

/**
 * 督办: what is late, in the user's scope.
 * - overdue: open cases of the kinds with due dates (reports) past their due date (computed by civic
 *   from the category's working days and the holiday calendar), the latest first, with hours late;
 * - unacknowledged: such cases still new (nobody accepted them) `hours` after they came in,
 *   the longest waiting first.
 * Each with how many times a manager supervised it (督办, supervise.ts) and when last.
 */
export async function deadlines(deps: ConsoleDeps, me: StaffPrincipal, q: z.output<typeof deadlinesQuerySchema>) {
  const now = deps.now();
  const hours = q.hours ?? deps.config.unacknowledgedHours;
  const base = caseWhere(me, { ...(q.streetId ? { streetId: q.streetId } : {}), ...(q.communityId ? { communityId: q.communityId } : {}) }, now);
  const overdue = await selectCases(deps.db, and(base, overdueSql(now)), { sort: 'dueAt', order: 'asc', limit: LIMIT });
  const cutoff = new Date(now.getTime() - hours * 3600_000);
  const waiting = await selectCases(
    deps.db,
    and(base, caseStatusWhere((a) => a.phase === 'new', dueKinds()), lte(cases.createdAt, cutoff)),
    { sort: 'createdAt', order: 'asc', limit: LIMIT },
  );
  const supervised = await supervisionOf(deps.db, [...overdue, ...waiting].map((r) => r.c.id));
  const row = (r: (typeof overdue)[number]) => ({ ...toSummary(r, now, deps.config), supervision: supervised.get(r.c.id) ?? null });
  return {
    now: now.toISOString(),
    overdue: overdue.map(row),
    unacknowledged: waiting.map((r) => ({ ...row(r), hoursWaiting: hoursBetween(r.c.createdAt, now) })),
    unacknowledgedHours: hours,
  };
}
