import { sql } from 'drizzle-orm';
import type { CaseKind, Phase } from './kinds/kind.js';
import { isStatusOf, PHASES_FROM, statusesInPhases, statusesWhere } from './kinds/registry.js';

/**
 * The one definition of the figures officials report, as SQL aggregate columns over `cases`. The
 * status lists come from the kinds' status attributes (kinds/<kind>.ts), never written here:
 * - 征集 collected: every proposal; money = requested (estimated_cost)
 * - 确定 confirmed: proposals in phase confirmed or beyond (已确定, 公示中, 实施中, 已完成, 已评议); money = approved
 * - 实施 implemented: phase working or beyond (实施中, 已完成, 已评议); money = approved
 * - 完成 completed: phase done (已完成, 已评议); money = spent (actual_cost)
 * - reserve 备选库 and declined 不予采纳 apart
 * - reports: received, open (open statuses), resolved (phase done), on time (resolved_at ≤ due_at)
 * The bot's 统计, the public community page and the console dashboard all select these, so they
 * can never disagree. Values come back as text (exact for sums of bigint); Number() them.
 */
const PROPOSAL = 'proposal' satisfies CaseKind;
const REPORT = 'report' satisfies CaseKind;

/** a status key of a kind written here, checked against its lifecycle when the module loads */
function statusKey(kind: CaseKind, status: string): string {
  if (!isStatusOf(kind, status)) throw new Error(`stage-columns: ${kind} has no status ${status}`);
  return status;
}

/** SQL text of a list of status keys (our own identifiers, checked above or read off the tables) */
const list = (statuses: readonly string[]) => `(${statuses.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')})`;
export const kindIs = (kind: CaseKind) => `kind = '${kind}'`;
/** cases of the kind whose status is in a phase at or past `phase` */
export const reached = (kind: CaseKind, phase: Exclude<Phase, 'off'>) => `${kindIs(kind)} and status in ${list(statusesInPhases(kind, PHASES_FROM[phase]))}`;
export const inStatus = (kind: CaseKind, status: string) => `${kindIs(kind)} and status = '${statusKey(kind, status)}'`;
/** cases still being worked on, of the kind */
export const openOf = (kind: CaseKind) => `${kindIs(kind)} and status in ${list(statusesWhere(kind, (a) => a.open))}`;

export const CONFIRMED_PROPOSAL = reached(PROPOSAL, 'confirmed');
export const OPEN_REPORT = openOf(REPORT);

export const countWhere = (cond: string) => sql<string>`count(*) filter (where ${sql.raw(cond)})::text`;
export const sumWhere = (col: string, cond: string) => sql<string>`coalesce(sum(${sql.raw(col)}) filter (where ${sql.raw(cond)}), 0)::text`;

export function stageColumns() {
  const p = kindIs(PROPOSAL);
  const r = kindIs(REPORT);
  const resolved = reached(REPORT, 'done');
  return {
    collected: countWhere(p),
    requested: sumWhere('estimated_cost', p),
    confirmed: countWhere(CONFIRMED_PROPOSAL),
    approved: sumWhere('approved_cost', CONFIRMED_PROPOSAL),
    implemented: countWhere(reached(PROPOSAL, 'working')),
    implementedApproved: sumWhere('approved_cost', reached(PROPOSAL, 'working')),
    completed: countWhere(reached(PROPOSAL, 'done')),
    spent: sumWhere('actual_cost', reached(PROPOSAL, 'done')),
    reserve: countWhere(inStatus(PROPOSAL, 'reserve')),
    declined: countWhere(inStatus(PROPOSAL, 'declined')),
    received: countWhere(r),
    open: countWhere(OPEN_REPORT),
    resolved: countWhere(resolved),
    onTime: countWhere(`${resolved} and resolved_at <= due_at`),
  };
}

/** the columns of stageColumns() as read back (text or numbers) */
export type StageRow = { readonly [K in keyof ReturnType<typeof stageColumns>]: string | number | null | undefined };

/** stageColumns() read back: the nested figures the bot, the public pages and the dashboard show */
export function stageFigures(row: StageRow | undefined) {
  const v = (k: keyof StageRow) => Number(row?.[k] ?? 0);
  return {
    collected: { count: v('collected'), requested: v('requested') },
    confirmed: { count: v('confirmed'), approved: v('approved') },
    implemented: { count: v('implemented'), approved: v('implementedApproved') },
    completed: { count: v('completed'), spent: v('spent') },
    reserve: v('reserve'),
    declined: v('declined'),
    reports: { received: v('received'), open: v('open'), resolved: v('resolved'), resolvedOnTime: v('onTime') },
  };
}
