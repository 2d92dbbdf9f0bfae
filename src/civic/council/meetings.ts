import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { cases, communities, councilDecisions, councilMeetings } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { CaseRow, CouncilOutcome } from '../kinds/kind.js';
import { kindModule } from '../kinds/registry.js';
import { caseStatusWhere } from '../kinds/registry.js';
import { statusLabel } from '../kinds/kind-texts.js';
import { proposalSupportCounts } from '../support.js';
import { civicTexts } from '../texts.js';
import { attendeesOf, type Attendees } from './attendees.js';

export interface MeetingSummary {
  id: number;
  communityId: string;
  communityName: string;
  streetId: string;
  heldOn: string;
  title: string;
  attendees: Attendees;
  /** how many proposals it decided, by outcome */
  outcomes: Record<CouncilOutcome, number>;
  hasMinutes: boolean;
  createdBy: string;
  createdAt: Date;
}

export interface MeetingDecision {
  caseId: number;
  title: string | null;
  /** where the proposal is now (it may have moved on since) */
  status: string;
  statusLabel: string;
  outcome: CouncilOutcome;
  votes: { for: number | null; against: number | null; abstain: number | null };
  approvedCost: number | null;
  reason: string | null;
  supportCount: number;
}

export type MeetingDetail = MeetingSummary & { decisions: MeetingDecision[]; minutes: { type: string; bytes: number } | null };

type MeetingRow = typeof councilMeetings.$inferSelect;

/** the meetings `where` keeps (a staff scope on council_meetings.community_id), the latest first */
export async function listMeetings(db: Db, where?: SQL, limit = 200): Promise<MeetingSummary[]> {
  const rows = await db
    .select({ m: councilMeetings, communityName: communities.name })
    .from(councilMeetings)
    .innerJoin(communities, eq(communities.id, councilMeetings.communityId))
    .where(where)
    .orderBy(desc(councilMeetings.heldOn), desc(councilMeetings.id))
    .limit(limit);
  const ids = rows.map((r) => r.m.id);
  const decided = ids.length
    ? await db.select({ meetingId: councilDecisions.meetingId, outcome: councilDecisions.outcome }).from(councilDecisions).where(inArray(councilDecisions.meetingId, ids))
    : [];
  return rows.map((r) => summaryOf(r.m, r.communityName, decided.filter((d) => d.meetingId === r.m.id).map((d) => d.outcome)));
}

function summaryOf(m: MeetingRow, communityName: string, outcomes: CouncilOutcome[]): MeetingSummary {
  const count = (o: CouncilOutcome) => outcomes.filter((x) => x === o).length;
  return {
    id: m.id,
    communityId: m.communityId,
    communityName,
    streetId: m.streetId,
    heldOn: m.heldOn,
    title: m.title,
    attendees: attendeesOf(m),
    outcomes: { approved: count('approved'), reserve: count('reserve'), declined: count('declined') },
    hasMinutes: m.minutesPath !== null,
    createdBy: m.createdBy,
    createdAt: m.createdAt,
  };
}

/** the meeting row, or AppError not_found in words */
export async function meetingRow(db: Db, id: number): Promise<MeetingRow> {
  const [m] = await db.select().from(councilMeetings).where(eq(councilMeetings.id, id));
  if (!m) throw new AppError('not_found', civicTexts.errors.councilMeetingNotFound, { reason: 'unknown_meeting' });
  return m;
}

/** one meeting with what it decided, in the order it was recorded */
export async function meetingDetail(db: Db, id: number): Promise<MeetingDetail> {
  const m = await meetingRow(db, id);
  const [c] = await db.select({ name: communities.name }).from(communities).where(eq(communities.id, m.communityId));
  const rows = await db
    .select({ d: councilDecisions, title: cases.title, kind: cases.kind, status: cases.status })
    .from(councilDecisions)
    .innerJoin(cases, eq(cases.id, councilDecisions.caseId))
    .where(eq(councilDecisions.meetingId, id))
    .orderBy(asc(councilDecisions.id));
  return {
    ...summaryOf(
      m,
      c?.name ?? m.communityId,
      rows.map((r) => r.d.outcome),
    ),
    minutes: m.minutesPath && m.minutesType ? { type: m.minutesType, bytes: m.minutesBytes ?? 0 } : null,
    decisions: rows.map((r) => ({
      caseId: r.d.caseId,
      title: r.title,
      status: r.status,
      statusLabel: statusLabel(r.kind, r.status),
      outcome: r.d.outcome,
      votes: { for: r.d.votesFor, against: r.d.votesAgainst, abstain: r.d.votesAbstain },
      approvedCost: r.d.approvedCost,
      reason: r.d.reason,
      supportCount: r.d.supportCount,
    })),
  };
}

export interface CouncilCandidate {
  caseId: number;
  title: string | null;
  status: string;
  statusLabel: string;
  projectType: string | null;
  estimatedCost: number | null;
  supportCount: number;
  createdAt: Date;
}

/** what a 议事会 of the community may decide: its proposals still in 征集 / 审核 (the kinds' council.from), most supported first */
export async function councilCandidates(db: Db, communityId: string): Promise<CouncilCandidate[]> {
  const rows: CaseRow[] = await db
    .select()
    .from(cases)
    .where(and(eq(cases.communityId, communityId), caseStatusWhere((_a, status, kind) => kindModule(kind).council?.from.includes(status) ?? false)))
    .orderBy(asc(cases.id))
    .limit(500);
  const support = await proposalSupportCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows
    .map((r) => ({
      caseId: r.id,
      title: r.title,
      status: r.status,
      statusLabel: statusLabel(r.kind, r.status),
      projectType: r.projectType,
      estimatedCost: r.estimatedCost,
      supportCount: support.get(r.id) ?? 0,
      createdAt: r.createdAt,
    }))
    .sort((a, b) => b.supportCount - a.supportCount || a.caseId - b.caseId);
}

export interface CaseCouncilDecision {
  meetingId: number;
  heldOn: string;
  outcome: CouncilOutcome;
  approvedCost: number | null;
  reason: string | null;
  votes: { for: number | null; against: number | null; abstain: number | null };
  attendees: Attendees;
}

/** the 议事会 decisions of one proposal, oldest first, for its public page (counts only, no names) */
export async function caseCouncilDecisions(db: Db, caseId: number): Promise<CaseCouncilDecision[]> {
  const rows = await db
    .select({ d: councilDecisions, m: councilMeetings })
    .from(councilDecisions)
    .innerJoin(councilMeetings, eq(councilMeetings.id, councilDecisions.meetingId))
    .where(eq(councilDecisions.caseId, caseId))
    .orderBy(asc(councilMeetings.heldOn), asc(councilDecisions.id));
  return rows.map(({ d, m }) => ({
    meetingId: m.id,
    heldOn: m.heldOn,
    outcome: d.outcome,
    approvedCost: d.approvedCost,
    reason: d.reason,
    votes: { for: d.votesFor, against: d.votesAgainst, abstain: d.votesAbstain },
    attendees: attendeesOf(m),
  }));
}
