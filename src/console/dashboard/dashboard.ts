import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { categoriesOf, channels, dueKinds, listCommunities } from '../../civic/index.js';
import { cases, conversations, evaluations } from '../../db/schema.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { caseScopeWhere, communityIdsInScope, scopeWhere } from '../auth/access.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { Dashboard, dashboardQuerySchema } from '../contract.js';
import { chinaYearBounds, parseQueryDate } from '../dates.js';
import type { ConsoleDeps } from '../deps.js';
import { wishClaimers } from './claimers.js';
import { addFigures, figuresByCommunity, zeroFigures } from './figures.js';

const round1 = (v: unknown): number | null => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
const rate = (part: number, whole: number): number | null => (whole ? Math.round((part / whole) * 1000) / 1000 : null);

/**
 * GET /dashboard: the cases created in [from, to) (default: this year in Asia/Shanghai), in the
 * user's scope and the chosen street/community, as officials report them (figures.ts), by street
 * and by community (zero rows included, so a quiet community shows as 0), plus the on-time rate,
 * the median hours to acceptance and to resolution of reports, satisfaction, the wishes' claimers,
 * and reports by category by month.
 */
export async function dashboard(deps: ConsoleDeps, me: StaffPrincipal, q: z.output<typeof dashboardQuerySchema>): Promise<Dashboard> {
  const { db } = deps;
  const now = deps.now();
  const year = chinaYearBounds(now);
  const from = q.from ? parseQueryDate(q.from, '开始日期') : year.from;
  const to = q.to ? parseQueryDate(q.to, '结束日期') : year.to;
  if (to <= from) throw new AppError('bad_request', 'to 必须晚于 from', { reason: 'bad_period' });
  const conds: (SQL | undefined)[] = [caseScopeWhere(me), gte(cases.createdAt, from), lt(cases.createdAt, to)];
  if (q.communityId) conds.push(eq(cases.communityId, q.communityId));
  if (q.streetId) conds.push(sql`${cases.communityId} in (select dc.id from communities dc where dc.street_id = ${q.streetId})`);
  if (q.channel) conds.push(eq(cases.channel, q.channel));
  const where = and(...conds);

  const byId = await figuresByCommunity(db, where, now);
  const visible = await communityIdsInScope(db, me);
  const communities = (await listCommunities(db, q.streetId)).filter(
    (c) => (!visible || visible.has(c.id)) && (!q.communityId || c.id === q.communityId),
  );
  const byCommunity = communities.map((c) => ({ communityId: c.id, communityName: c.name, streetId: c.streetId, ...(byId.get(c.id) ?? zeroFigures()) }));
  const streets = new Map<string, Dashboard['byStreet'][number]>();
  for (const c of communities) {
    const cur = streets.get(c.streetId) ?? { streetId: c.streetId, streetName: c.streetName, ...zeroFigures() };
    streets.set(c.streetId, { ...cur, ...addFigures(cur, byId.get(c.id) ?? zeroFigures()) });
  }
  // totals include cases without a community (a street user sees those too)
  const totals = [...byId.values()].reduce(addFigures, zeroFigures());

  // the kinds residents report problems with (due dates, categories): reports
  const dueCases = inArray(cases.kind, dueKinds());
  const [med] = await db
    .select({
      acc: sql<string | null>`(percentile_cont(0.5) within group (order by extract(epoch from (accepted_at - created_at)) / 3600.0) filter (where ${dueCases} and accepted_at is not null))::text`,
      res: sql<string | null>`(percentile_cont(0.5) within group (order by extract(epoch from (resolved_at - created_at)) / 3600.0) filter (where ${dueCases} and resolved_at is not null))::text`,
    })
    .from(cases)
    .where(where);
  const [sat] = await db
    .select({
      satisfied: sql<number>`count(*) filter (where ${evaluations.satisfied} = true)::int`,
      unsatisfied: sql<number>`count(*) filter (where ${evaluations.satisfied} = false)::int`,
      avg: sql<string | null>`avg(${evaluations.score})::text`,
      ratings: sql<number>`count(${evaluations.score})::int`,
    })
    .from(evaluations)
    .innerJoin(cases, eq(cases.id, evaluations.caseId))
    .where(where);
  const month = sql<string>`to_char((${cases.createdAt} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;
  const months = await db
    .select({ month, category: cases.category, n: sql<number>`count(*)::int` })
    .from(cases)
    .where(and(where, dueCases))
    .groupBy(month, cases.category)
    .orderBy(month, cases.category);
  const cats = categoriesOf(deps.config);
  const satisfied = Number(sat?.satisfied ?? 0);
  const unsatisfied = Number(sat?.unsatisfied ?? 0);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    totals,
    byStreet: [...streets.values()],
    byCommunity,
    onTimeRate: rate(totals.reports.resolvedOnTime, totals.reports.resolved),
    medianHoursToAcceptance: round1(med?.acc),
    medianHoursToResolution: round1(med?.res),
    satisfaction: {
      satisfied,
      unsatisfied,
      rate: rate(satisfied, satisfied + unsatisfied),
      averageScore: round1(sat?.avg),
      ratings: Number(sat?.ratings ?? 0),
    },
    humanService: await humanService(db, me, q, from, to),
    wishClaimers: await wishClaimers(db, where),
    reportsByCategoryByMonth: months.map((m) => ({
      month: m.month,
      category: m.category ?? 'other',
      categoryName: m.category ? cats.nameOf(m.category) : '未分类',
      count: Number(m.n),
    })),
    byChannel: await byChannel(db, where),
  };
}

/** 渠道: how many of the cases came in through each channel; the configured ones first (0 included), then any other id stored */
async function byChannel(db: Db, where: SQL | undefined): Promise<NonNullable<Dashboard['byChannel']>> {
  const rows = await db.select({ channel: cases.channel, n: sql<number>`count(*)::int` }).from(cases).where(where).groupBy(cases.channel);
  const counts = new Map(rows.map((r) => [r.channel, Number(r.n)]));
  const c = channels();
  const ids = [...c.all.map((x) => x.id), ...[...counts.keys()].filter((id) => !c.all.some((x) => x.id === id)).sort()];
  return ids.map((id) => ({ channel: id, channelLabel: c.labelOf(id), count: counts.get(id) ?? 0 }));
}

/** the ratings of the tickets closed in [from, to), in the user's scope and the chosen street/community */
async function humanService(db: Db, me: StaffPrincipal, q: z.output<typeof dashboardQuerySchema>, from: Date, to: Date): Promise<Dashboard['humanService']> {
  const conds: (SQL | undefined)[] = [
    scopeWhere(me, conversations.communityId),
    eq(conversations.status, 'resolved'),
    gte(conversations.resolvedAt, from),
    lt(conversations.resolvedAt, to),
  ];
  if (q.communityId) conds.push(eq(conversations.communityId, q.communityId));
  if (q.streetId) conds.push(sql`${conversations.communityId} in (select dc.id from communities dc where dc.street_id = ${q.streetId})`);
  const [r] = await db
    .select({
      closed: sql<number>`count(*)::int`,
      satisfied: sql<number>`count(*) filter (where ${conversations.rating} = 'satisfied')::int`,
      fair: sql<number>`count(*) filter (where ${conversations.rating} = 'fair')::int`,
      unsatisfied: sql<number>`count(*) filter (where ${conversations.rating} = 'unsatisfied')::int`,
    })
    .from(conversations)
    .where(and(...conds));
  const satisfied = Number(r?.satisfied ?? 0);
  const fair = Number(r?.fair ?? 0);
  const unsatisfied = Number(r?.unsatisfied ?? 0);
  const rated = satisfied + fair + unsatisfied;
  return {
    closed: Number(r?.closed ?? 0),
    rated,
    satisfied,
    fair,
    unsatisfied,
    satisfiedRate: rate(satisfied, rated),
    fairRate: rate(fair, rated),
    unsatisfiedRate: rate(unsatisfied, rated),
  };
}
