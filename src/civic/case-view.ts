import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { perDatabase } from '../db/per-database.js';
import { caseEvents, caseFunding, caseMedia, cases, claims, communities, evaluations, milestones, streets, subscriptions } from '../db/schema.js';
import type { FundingSource } from './funding.js';
import type { CaseRow } from './kinds/kind.js';
import { notFound, PUBLIC_EVENT_TYPES } from './lifecycle/events.js';

/** everything a case's public view reads besides its row, as one statement returns it */
export interface CaseView {
  row: CaseRow;
  community: { id: string; name: string; streetName: string; district: string } | null;
  /** the last 3 public timeline entries, newest first */
  events: { at: Date; type: string; toStatus: string | null; publicNote: string | null }[];
  milestones: { date: Date; note: string; percent: number }[];
  /** photos on the public pages (a resident's photo waiting for review is not counted) */
  photosShown: number;
  /** residents who reported it: the author and 我也遇到 */
  supporters: number;
  /** residents who support a proposal (支持 N): supporters, the proposer not counted */
  proposalSupport: number;
  rating: { average: number | null; count: number };
  claimerName: string | null;
  funding: { source: FundingSource; funder: string | null; amount: number }[];
  /** the viewer follows it and has not muted it (false without a viewer) */
  viewerFollows: boolean;
}

type Json<T> = T[] | null;

/**
 * A case and all its public page reads in ONE statement (correlated subqueries, JSON for the
 * lists): 查询 N in the bot and the public case page each cost a single round trip, where reading
 * them side by side took seven. Each subquery is cheap (indexed on case_id); a kind that keeps no
 * milestones or funding reads an empty list.
 */
export async function readCaseView(db: Db, caseId: number, viewer?: string): Promise<CaseView> {
  // an empty openid follows nothing: one statement whether or not someone is looking
  const [r] = await caseViewQuery(db).execute({ caseId, viewer: viewer ?? '' });
  if (!r) throw notFound(caseId);
  const ratingCount = Number(r.ratingCount);
  return {
    row: r.row,
    community:
      r.row.communityId && r.communityName !== null && r.streetName !== null
        ? { id: r.row.communityId, name: r.communityName, streetName: r.streetName, district: r.district ?? '' }
        : null,
    events: (r.events ?? []).map((e) => ({ ...e, at: new Date(e.at) })),
    milestones: (r.milestones ?? []).map((m) => ({ ...m, date: new Date(m.date) })),
    photosShown: Number(r.photosShown),
    supporters: Number(r.supporters),
    proposalSupport: Number(r.proposalSupport),
    rating: { count: ratingCount, average: ratingCount && r.ratingAverage != null ? Math.round(Number(r.ratingAverage) * 10) / 10 : null },
    claimerName: r.claimerName,
    funding: (r.funding ?? []).map((f) => ({ ...f, amount: Number(f.amount) })),
    viewerFollows: r.viewerFollows === true || (r.viewerFollows as unknown) === 't',
  };
}

/**
 * The statement, built once per database: drizzle's query building (a dozen subqueries) cost more
 * CPU than the round trip, and 查询 N runs it for every resident who asks.
 */
const caseViewQuery = perDatabase(buildCaseViewQuery);

function buildCaseViewQuery(db: Db) {
  const publicEvent = and(eq(caseEvents.caseId, cases.id), or(inArray(caseEvents.type, [...PUBLIC_EVENT_TYPES]), isNotNull(caseEvents.publicNote)));
  return db
    .select({
      row: cases,
      communityName: communities.name,
      streetName: streets.name,
      district: streets.district,
      events: sql<Json<{ at: string; type: string; toStatus: string | null; publicNote: string | null }>>`(select json_agg(e) from (
        select ${caseEvents.at} as "at", ${caseEvents.type} as "type", ${caseEvents.toStatus} as "toStatus", ${caseEvents.publicNote} as "publicNote"
        from ${caseEvents} where ${publicEvent} order by ${caseEvents.at} desc, ${caseEvents.id} desc limit 3) e)`,
      milestones: sql<Json<{ date: string; note: string; percent: number }>>`(select json_agg(m) from (
        select ${milestones.date} as "date", ${milestones.note} as "note", ${milestones.percent} as "percent"
        from ${milestones} where ${milestones.caseId} = ${cases.id} order by ${milestones.date}, ${milestones.id}) m)`,
      photosShown: sql<number>`(select count(*)::int from ${caseMedia} where ${caseMedia.caseId} = ${cases.id} and ${caseMedia.publicState} = 'shown')`,
      supporters: sql<number>`(select count(*)::int from ${subscriptions} where ${subscriptions.caseId} = ${cases.id} and ${subscriptions.role} in ('author', 'supporter'))`,
      proposalSupport: sql<number>`(select count(*)::int from ${subscriptions} where ${subscriptions.caseId} = ${cases.id} and ${subscriptions.role} = 'supporter')`,
      ratingCount: sql<number>`(select count(${evaluations.score})::int from ${evaluations} where ${evaluations.caseId} = ${cases.id})`,
      ratingAverage: sql<string | null>`(select avg(${evaluations.score})::text from ${evaluations} where ${evaluations.caseId} = ${cases.id})`,
      claimerName: sql<string | null>`(select ${claims.claimerName} from ${claims} where ${claims.caseId} = ${cases.id} and ${claims.status} = 'confirmed' limit 1)`,
      funding: sql<Json<{ source: FundingSource; funder: string | null; amount: number }>>`(select json_agg(f) from (
        select ${caseFunding.source} as "source", ${caseFunding.funder} as "funder", ${caseFunding.amount} as "amount"
        from ${caseFunding} where ${caseFunding.caseId} = ${cases.id} order by ${caseFunding.id}) f)`,
      viewerFollows: sql<boolean>`exists (select 1 from ${subscriptions} where ${subscriptions.caseId} = ${cases.id} and ${subscriptions.openid} = ${sql.placeholder('viewer')} and not ${subscriptions.muted})`,
    })
    .from(cases)
    .leftJoin(communities, eq(communities.id, cases.communityId))
    .leftJoin(streets, eq(streets.id, communities.streetId))
    .where(eq(cases.id, sql.placeholder('caseId')))
    .prepare('case_view');
}
