import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { perDatabase } from '../db/per-database.js';
import { cases, subscriptions } from '../db/schema.js';
import type { CategoryCatalog } from './categories.js';
import { readCaseView } from './case-view.js';
import { categoriesOf } from './context.js';
import type { FundingSource } from './funding.js';
import { notFound } from './lifecycle/events.js';
import type { CaseKind, CaseRow, Phase } from './kinds/kind.js';
import { kindLabel, kindTexts, statusLabel } from './kinds/kind-texts.js';
import { caseStatusWhere, kindModule, statusAttrs } from './kinds/registry.js';
import { caseTitle } from './outbox.js';
import { supportStatuses } from './support.js';
import type { SubscriptionRole } from './subscriptions.js';
import { proposalThemes } from './proposal-themes.js';
import { proposePublicText } from './public-text.js';
import { excerpt, maskPhones } from './text.js';

export { communityStats } from './stats.js';

export interface PublicTimelineEntry {
  at: Date;
  type: string;
  /** the status reached, for status changes */
  status: string | null;
  statusLabel: string | null;
  note: string | null;
}

/**
 * What anyone may see of a case (三公开). Never the openid, phone, assignee or internal notes; a case
 * whose status is not public (a wish waiting for review) only its author may see.
 */
export interface PublicCase {
  number: number;
  kind: CaseKind;
  kindLabel: string;
  status: string;
  statusLabel: string;
  /** where the case stands: 征集 → 确定 → 实施 → 完成, or off the path */
  phase: Phase;
  /** still being worked on */
  open: boolean;
  /** anyone may see it (false: only its author, e.g. a wish waiting for review) */
  public: boolean;
  /** the status explained in a sentence of its own (备选库 …), when its kind has one */
  notice: string | null;
  category: string | null;
  categoryName: string | null;
  title: string | null;
  projectType: string | null;
  /** a proposal's 主题 (config/proposal-themes.yaml) by its name, once staff set one */
  themeName: string | null;
  beneficiaries: string | null;
  /**
   * what the public reads of the resident's words: for a kind whose text staff review (a report),
   * the public text they approved, '' until then (textPending); else as typed, mobile numbers masked
   */
  description: string;
  /** staff have not approved a public text yet: the description and the typed place are not shown */
  textPending: boolean;
  community: { id: string; name: string; streetName: string; district: string } | null;
  locationLabel: string | null;
  createdAt: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  /** expected resolution of a report */
  dueAt: Date | null;
  /** why it was not accepted (不予受理 / 不予采纳) */
  reason: string | null;
  duplicateOf: number | null;
  /** the last 3 public timeline entries, newest first */
  timeline: PublicTimelineEntry[];
  /** projects: dated milestones, oldest first, and the latest percent done */
  milestones: { date: Date; note: string; percent: number }[];
  progress: number | null;
  /** projects, in fen */
  budget: { estimated: number | null; approved: number | null; spent: number | null } | null;
  batch: string | null;
  publicity: { start: Date; end: Date } | null;
  /** projects: 评议 average score (1–5, one decimal) and how many residents rated */
  rating: { average: number | null; count: number } | null;
  /** wishes: what it is worth (fen): the estimate, and what was given once known */
  value: { estimated: number | null; given: number | null } | null;
  /** who claimed it (认领), by their public name; never their contact */
  claimer: string | null;
  /** 资金来源: each source of its money, in fen; null when its kind keeps none */
  funding: { source: FundingSource; funder: string | null; amount: number }[] | null;
  /** reports: residents who reported it (author + 我也遇到) */
  supporters: number;
  /** proposals: residents who support it (支持 N, the proposer not counted) and whether 征集 still takes support */
  support: { count: number; open: boolean } | null;
  /** photos shown on the public pages (residents' photos count once staff showed them) */
  photoCount: number;
}

export async function getCasePublic(
  db: Db,
  caseId: number,
  opts: { categories?: CategoryCatalog; viewer?: string } = {},
): Promise<PublicCase> {
  return (await caseForViewer(db, caseId, opts)).case;
}

/**
 * A case's own words as the public reads them, wherever they are shown (the case page, 查询 N,
 * Open311): `pending` while a kind whose words staff review has no approved text (then nothing of
 * them shows, not even the typed place); `masked` for words shown before anyone looked at them
 * (private details masked by rule for such kinds, phones at least for all); the description to show.
 */
export function publicWords(row: Pick<CaseRow, 'kind' | 'publicText' | 'description'>): {
  pending: boolean;
  masked: <T extends string | null>(s: T) => T;
  description: string | null;
} {
  const { features } = kindModule(row.kind);
  const pending = !!features.reviewedText && row.publicText === null;
  const byRule = !!features.reviewedText || !!features.maskedText;
  const masked = <T extends string | null>(s: T): T => (s ? (byRule ? proposePublicText(s) : maskPhones(s)) : s) as T;
  const description = pending ? null : features.reviewedText ? row.publicText : masked(row.description);
  return { pending, masked, description };
}

/** a case's public view and whether the viewer follows it, in one statement (case-view.ts) */
export async function caseForViewer(
  db: Db,
  caseId: number,
  opts: { categories?: CategoryCatalog; viewer?: string } = {},
): Promise<{ case: PublicCase; following: boolean }> {
  const view = await readCaseView(db, caseId, opts.viewer);
  const { row } = view;
  const kind = kindModule(row.kind);
  const attrs = statusAttrs(row.kind, row.status);
  // a case in a private status (a wish before review) is unknown to all but its author
  if (!attrs?.public && (!opts.viewer || opts.viewer !== row.openid)) throw notFound(caseId);
  const { pending: textPending, masked, description } = publicWords(row);
  const isRated = Object.values(kind.lifecycle.statuses).some((a) => a.asks === 'rating');
  const ms = kind.lifecycle.sideActions.milestone?.length ? view.milestones : [];
  const supportOpen = supportStatuses(row.kind);
  const { community, events } = view;
  const publicCase: PublicCase = {
    number: row.id,
    kind: row.kind,
    kindLabel: kindLabel(row.kind),
    status: row.status,
    statusLabel: statusLabel(row.kind, row.status),
    phase: attrs?.phase ?? 'new',
    open: attrs?.open ?? false,
    public: attrs?.public ?? false,
    notice: attrs?.notice ? (kindTexts(row.kind).notices?.[row.status] ?? null) : null,
    category: row.category,
    categoryName: row.category ? categoriesOf(opts).nameOf(row.category) : null,
    title: masked(row.title),
    projectType: row.projectType,
    themeName: row.theme ? proposalThemes().nameOf(row.theme) : null,
    beneficiaries: masked(row.beneficiaries),
    description: description ?? '',
    textPending,
    community: community
      ? { id: community.id, name: community.name, streetName: community.streetName, district: community.district }
      : null,
    // a typed address is the resident's words too (中山南街12号502张宅): none before approval, masked by rule after
    locationLabel: textPending ? null : masked(row.locationLabel),
    createdAt: row.createdAt,
    acceptedAt: row.acceptedAt,
    resolvedAt: row.resolvedAt,
    dueAt: kind.features.due ? row.dueAt : null,
    reason: attrs?.phase === 'off' ? row.rejectReason : null,
    duplicateOf: attrs?.phase === 'off' ? row.duplicateOf : null,
    timeline: events.map((e) => ({
      at: e.at,
      type: e.type,
      status: e.toStatus,
      statusLabel: e.toStatus ? statusLabel(row.kind, e.toStatus) : null,
      note: e.publicNote ? maskPhones(e.publicNote) : null,
    })),
    milestones: ms,
    progress: ms.length ? ms[ms.length - 1]!.percent : null,
    budget: kind.features.budget ? { estimated: row.estimatedCost, approved: row.approvedCost, spent: row.actualCost } : null,
    batch: row.batch,
    publicity: row.publicityStart && row.publicityEnd ? { start: row.publicityStart, end: row.publicityEnd } : null,
    rating: isRated ? view.rating : null,
    value: kind.features.value ? { estimated: row.estimatedCost, given: row.actualCost } : null,
    claimer: kind.lifecycle.sideActions.claim?.length ? view.claimerName : null,
    funding: kind.features.funding ? view.funding : null,
    supporters: view.supporters,
    support: supportOpen ? { count: view.proposalSupport, open: supportOpen.includes(row.status) } : null,
    photoCount: view.photosShown,
  };
  return { case: publicCase, following: view.viewerFollows };
}

export interface ResidentCase {
  number: number;
  kind: CaseKind;
  kindLabel: string;
  status: string;
  statusLabel: string;
  /** ≤ 20 characters */
  title: string;
  role: SubscriptionRole;
  createdAt: Date;
  updatedAt: Date;
}

/** 我的事项: cases the resident filed or follows, newest first. */
export async function listResidentCases(
  db: Db,
  openid: string,
  opts: { limit?: number; categories?: CategoryCatalog } = {},
): Promise<ResidentCase[]> {
  const rows = await residentCasesQuery(db).execute({ openid, limit: opts.limit ?? 20 });
  const categories = categoriesOf(opts);
  return rows.map(({ c, role }) => ({
    number: c.id,
    kind: c.kind,
    kindLabel: kindLabel(c.kind),
    status: c.status,
    statusLabel: statusLabel(c.kind, c.status),
    title: caseTitle(c, categories),
    role: c.openid === openid ? 'author' : (role ?? 'follower'),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  }));
}

/**
 * The resident's cases (filed or followed), newest first, as one prepared statement built once per
 * database. The ids come from the two openid indexes (cases, subscriptions): a filter of
 * `cases.openid = ? or subscription found` over a left join read every case in the table for each
 * 我的, as the plan showed (a backward scan of cases_pkey).
 */
const residentCasesQuery = perDatabase(buildResidentCasesQuery);
function buildResidentCasesQuery(db: Db) {
  return residentCasesSelect(db).prepare('resident_cases');
}

/** the statement itself, with the placeholders `openid` and `limit` (its plan is checked in tests/civic/resident-cases-plan.test.ts) */
export function residentCasesSelect(db: Db) {
  const openid = sql.placeholder('openid');
  return db
    .select({ c: cases, role: subscriptions.role })
    .from(cases)
    .leftJoin(subscriptions, and(eq(subscriptions.caseId, cases.id), sql`${subscriptions.openid} = ${openid}`))
    .where(
      sql`${cases.id} in (select ${cases.id} from ${cases} where ${cases.openid} = ${openid} union select ${subscriptions.caseId} from ${subscriptions} where ${subscriptions.openid} = ${openid})`,
    )
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(sql.placeholder('limit'));
}

export interface PublicisedProject {
  number: number;
  title: string;
  projectType: string | null;
  description: string;
  /** fen */
  approvedCost: number | null;
  batch: string | null;
  publicityStart: Date;
  publicityEnd: Date;
}

/** 公示: projects of a community whose notice period includes `now`, the soonest to end first. */
export async function listPublicised(db: Db, communityId: string, now: Date): Promise<PublicisedProject[]> {
  const rows = await db
    .select()
    .from(cases)
    .where(
      and(
        caseStatusWhere((a) => !!a.announce),
        eq(cases.communityId, communityId),
        lte(cases.publicityStart, now),
        gte(cases.publicityEnd, now),
      ),
    )
    .orderBy(cases.publicityEnd, cases.id);
  return rows.map((c) => ({
    number: c.id,
    // a proposal is public before staff look at it: its words masked by rule
    title: proposePublicText(c.title ?? excerpt(c.description, 20)),
    projectType: c.projectType,
    description: excerpt(proposePublicText(c.description), 120),
    approvedCost: c.approvedCost,
    batch: c.batch,
    publicityStart: c.publicityStart!,
    publicityEnd: c.publicityEnd!,
  }));
}
