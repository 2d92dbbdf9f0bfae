import { and, asc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { listCommunities, PROJECT_TYPES, proposal, proposalThemes, report, satisfactionColumns } from '../../civic/index.js';
import { fundingOf } from '../../civic/funding.js';
import { countWhere, kindIs, reached, sumWhere } from '../../civic/stage-columns.js';
import { CHINA_OFFSET_MS } from '../../china-time.js';
import { cases, streets } from '../../db/schema.js';
import { caseScopeWhere } from '../auth/access.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { FiguresCells, FiguresQuery, FiguresRow, FiguresTable } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';

/**
 * 报表: the table a street office sends upward — the proposals collected in one year (filed between
 * 1 January and 31 December, Asia/Shanghai), per street or per community, split by project type
 * (工程类 / 服务类 / 货物类), theme (主题分类) or batch (批次: the label `cases.batch` holds).
 *
 * - collected 征集: every proposal of the year; requested = the sum of their estimates
 * - confirmed 确定, implemented 实施, completed 完成: as src/civic/stage-columns.ts (the dashboard's
 *   and the bot's buckets); approved = approved_cost of the confirmed ones
 * - paid 支付: actual_cost of every proposal that has one (the money paid, recorded at 验收 or by delivery)
 * - government / social 政府资金 / 社会资金: the case_funding lines of those sources
 * - on time 按期: there is no planned end date yet, so a project is on time when it was completed
 *   within the year it was collected (China time); the rate is of the implemented ones
 *   (onTime / onTimeBase). Reports count apart (`reports`): resolved by their due date.
 * - satisfaction 满意度: src/civic/satisfaction.ts (satisfied / rated)
 * Money in fen. Rows with nothing are left out; the totals add every row.
 */
/** the kinds the table counts: projects, and reports for their on-time figure (the kind modules name them) */
const PROPOSAL = proposal.kind;
const REPORT = report.kind;

export async function figuresTable(deps: ConsoleDeps, me: StaffPrincipal, q: FiguresQuery, now: Date): Promise<FiguresTable> {
  const { db } = deps;
  const year = q.year ?? new Date(now.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
  const from = new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS);
  const to = new Date(Date.UTC(year + 1, 0, 1) - CHINA_OFFSET_MS);
  const conds: (SQL | undefined)[] = [caseScopeWhere(me), gte(cases.createdAt, from), lt(cases.createdAt, to)];
  if (q.communityId) conds.push(eq(cases.communityId, q.communityId));
  if (q.channel) conds.push(eq(cases.channel, q.channel));
  if (q.streetId)
    conds.push(
      sql`(${cases.communityId} in (select fc.id from communities fc where fc.street_id = ${q.streetId}) or (${cases.communityId} is null and ${cases.streetId} = ${q.streetId}))`,
    );
  const place = and(...conds);
  const group = { type: cases.projectType, theme: cases.theme, batch: cases.batch }[q.groupBy];
  const done = reached(PROPOSAL, 'done');
  const working = reached(PROPOSAL, 'working');
  const confirmed = reached(PROPOSAL, 'confirmed');

  const found = await db
    .select({
      communityId: cases.communityId,
      streetId: cases.streetId,
      group,
      collected: countWhere(kindIs(PROPOSAL)),
      confirmed: countWhere(confirmed),
      implemented: countWhere(working),
      completed: countWhere(done),
      requested: sumWhere('estimated_cost', kindIs(PROPOSAL)),
      approved: sumWhere('approved_cost', confirmed),
      paid: sumWhere('actual_cost', kindIs(PROPOSAL)),
      government: sql<string>`coalesce(sum(${fundingOf('government')}), 0)::text`,
      social: sql<string>`coalesce(sum(${fundingOf('social')}), 0)::text`,
      onTimeBase: countWhere(working),
      onTime: sql<string>`count(*) filter (where ${sql.raw(done)} and resolved_at < ${to.toISOString()}::timestamptz)::text`,
      ...satisfactionColumns(),
      /** batches in the order they went to 公示 */
      firstNotice: sql<string | null>`min(publicity_start)::text`,
    })
    .from(cases)
    .where(and(place, eq(cases.kind, PROPOSAL)))
    .groupBy(cases.communityId, cases.streetId, group);

  const communities = await listCommunities(db);
  const communityOf = new Map(communities.map((c, i) => [c.id, { ...c, order: i }]));
  const streetRows = await db.select({ id: streets.id, name: streets.name }).from(streets).orderBy(asc(streets.id));
  const streetName = new Map(streetRows.map((s) => [s.id, s.name]));
  const themes = proposalThemes();
  const groupOrder = groupRank(q.groupBy, found);

  const rows = new Map<string, FiguresRow & { order: number }>();
  for (const f of found) {
    const c = f.communityId ? communityOf.get(f.communityId) : undefined;
    const streetId = c?.streetId ?? f.streetId;
    const communityId = q.per === 'community' ? f.communityId : null;
    const key = JSON.stringify([streetId, communityId, f.group]);
    const cur = rows.get(key) ?? {
      streetId,
      streetName: streetId ? (streetName.get(streetId) ?? streetId) : null,
      communityId,
      communityName: communityId ? (c?.name ?? communityId) : null,
      group: f.group,
      groupName: f.group === null ? null : q.groupBy === 'theme' ? themes.nameOf(f.group) : f.group,
      order: 0,
      ...zeroCells(),
    };
    const streetOrder = streetId ? streetRows.findIndex((s) => s.id === streetId) : streetRows.length;
    cur.order = ((streetOrder + 1) * 10_000 + (q.per === 'community' ? (c?.order ?? 9_999) : 0)) * 1_000 + (groupOrder.get(f.group) ?? 999);
    rows.set(key, { ...cur, ...addCells(cur, cellsOf(f)) });
  }
  const list = [...rows.values()].sort((a, b) => a.order - b.order).map(({ order: _order, ...r }) => r);

  const [rep] = await db
    .select({
      resolved: countWhere(reached(REPORT, 'done')),
      onTime: countWhere(`${reached(REPORT, 'done')} and resolved_at <= due_at`),
    })
    .from(cases)
    .where(and(place, eq(cases.kind, REPORT)));

  return {
    year,
    groupBy: q.groupBy,
    per: q.per,
    rows: list,
    totals: list.reduce<FiguresCells>((t, r) => addCells(t, r), zeroCells()),
    reports: { resolved: Number(rep?.resolved ?? 0), onTime: Number(rep?.onTime ?? 0) },
  };
}

const CELLS = ['collected', 'confirmed', 'implemented', 'completed', 'requested', 'approved', 'paid', 'government', 'social', 'onTimeBase', 'onTime', 'rated', 'satisfied'] as const;

export const zeroCells = (): FiguresCells => Object.fromEntries(CELLS.map((k) => [k, 0])) as FiguresCells;
export const addCells = (a: FiguresCells, b: FiguresCells): FiguresCells => Object.fromEntries(CELLS.map((k) => [k, a[k] + b[k]])) as FiguresCells;
const cellsOf = (r: Record<(typeof CELLS)[number], string | number | null>): FiguresCells =>
  Object.fromEntries(CELLS.map((k) => [k, Number(r[k] ?? 0)])) as FiguresCells;

/**
 * The order of a group's values: project types as the programme lists them, themes as the account's
 * file does, batches in the order they went to 公示 (then by label); none set last.
 */
function groupRank(by: FiguresQuery['groupBy'], found: { group: string | null; firstNotice: string | null }[]): Map<string | null, number> {
  let order: string[];
  if (by === 'type') order = [...PROJECT_TYPES];
  else if (by === 'theme') order = proposalThemes().list.map((t) => t.id);
  else {
    const first = new Map<string, string>();
    for (const f of found) {
      if (f.group === null) continue;
      const at = f.firstNotice ?? '9999';
      if (!first.has(f.group) || at < first.get(f.group)!) first.set(f.group, at);
    }
    order = [...first.keys()].sort((a, b) => first.get(a)!.localeCompare(first.get(b)!) || a.localeCompare(b));
  }
  const rank = new Map<string | null, number>(order.map((v, i) => [v, i]));
  // a value the list does not know (a theme dropped from the file) after the known ones, none set last
  for (const f of found) if (f.group !== null && !rank.has(f.group)) rank.set(f.group, 500);
  return rank;
}
