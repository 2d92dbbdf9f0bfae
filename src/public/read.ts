import { and, desc, eq, inArray, like, sql } from 'drizzle-orm';
import { caseStatusWhere, claimableCases, publicEventsOf } from '../civic/index.js';
import type { Db } from '../db/client.js';
import { caseEvents, caseMedia, cases, communities } from '../db/schema.js';
import { PROJECT_KIND, WISH_KIND } from './stages.js';

/**
 * The few reads the public pages need that civic/lookup.ts does not offer: the whole public
 * timeline (getCasePublic keeps the last 3), a case's shown photos and a community's projects. Each
 * selects only public columns: never openid, phone, assignee, internal notes or event data.
 */

export interface TimelineRow {
  at: Date;
  type: string;
  toStatus: string | null;
  note: string | null;
  /** milestones: the percent done */
  percent: number | null;
}

/** public timeline entries of a case, newest first (the same filter as getCasePublic) */
export async function publicTimeline(db: Db, caseId: number, limit = 100): Promise<TimelineRow[]> {
  const rows = await db
    .select({
      at: caseEvents.at,
      type: caseEvents.type,
      toStatus: caseEvents.toStatus,
      note: caseEvents.publicNote,
      percent: sql<string | null>`case when ${caseEvents.type} = 'milestone' then ${caseEvents.data}->>'percent' end`,
    })
    .from(caseEvents)
    .where(publicEventsOf(caseId))
    .orderBy(desc(caseEvents.at), desc(caseEvents.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, percent: r.percent == null ? null : Number(r.percent) }));
}

/** image types the photo route serves (never SVG or HTML, whatever was stored) */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;

export interface PhotoRow {
  id: number;
  source: 'resident' | 'staff';
}

/**
 * The photos of a case the public may see, oldest first: only those a staff member showed (staff
 * uploads are shown at once). A resident's photo stays off the pages while it waits for review or
 * after it was hidden (faces, number plates, the inside of a home).
 */
export async function casePhotos(db: Db, caseId: number): Promise<PhotoRow[]> {
  return db
    .select({ id: caseMedia.id, source: caseMedia.source })
    .from(caseMedia)
    .where(and(eq(caseMedia.caseId, caseId), inArray(caseMedia.contentType, [...PHOTO_TYPES]), eq(caseMedia.publicState, 'shown')))
    .orderBy(caseMedia.id);
}

/**
 * One media row, only when it belongs to that case and, unless `anyState` (staff in the console),
 * only when it is shown and its case is public: a pending or hidden photo, or one of a private
 * case, is as unknown as a missing one.
 */
export async function casePhotoFile(
  db: Db,
  caseId: number,
  mediaId: number,
  o: { anyState?: boolean } = {},
): Promise<{ path: string; contentType: string; sha256: string } | undefined> {
  const [row] = await db
    .select({ path: caseMedia.path, contentType: caseMedia.contentType, sha256: caseMedia.sha256 })
    .from(caseMedia)
    .innerJoin(cases, eq(cases.id, caseMedia.caseId))
    .where(
      and(
        eq(caseMedia.id, mediaId),
        eq(caseMedia.caseId, caseId),
        like(caseMedia.contentType, 'image/%'),
        // the public sees photos of public cases only (a wish waiting for review is private)
        o.anyState ? undefined : and(eq(caseMedia.publicState, 'shown'), caseStatusWhere((a) => a.public)),
      ),
    );
  return row;
}

export interface ProjectRow {
  number: number;
  status: string;
  title: string | null;
  description: string;
  projectType: string | null;
  estimatedCost: number | null;
  approvedCost: number | null;
  actualCost: number | null;
  batch: string | null;
  publicityStart: Date | null;
  publicityEnd: Date | null;
  /** the latest milestone's percent */
  progress: number | null;
  updatedAt: Date;
}

/** the projects of a community in the given statuses, most recently changed first */
export async function communityProjects(db: Db, communityId: string, statuses: readonly string[]): Promise<ProjectRow[]> {
  const rows = await db
    .select({
      number: cases.id,
      status: cases.status,
      title: cases.title,
      description: cases.description,
      projectType: cases.projectType,
      estimatedCost: cases.estimatedCost,
      approvedCost: cases.approvedCost,
      actualCost: cases.actualCost,
      batch: cases.batch,
      publicityStart: cases.publicityStart,
      publicityEnd: cases.publicityEnd,
      // drizzle leaves columns unqualified inside sql``, so the correlated subquery names its tables itself
      progress: sql<number | null>`(select m.percent from milestones m where m.case_id = cases.id order by m.date desc, m.id desc limit 1)`,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .where(and(eq(cases.kind, PROJECT_KIND), eq(cases.communityId, communityId), inArray(cases.status, [...statuses])))
    .orderBy(desc(cases.updatedAt), desc(cases.id));
  return rows.map((r) => ({ ...r, progress: r.progress == null ? null : Number(r.progress) }));
}

export interface WishRow {
  number: number;
  status: string;
  title: string | null;
  description: string;
  beneficiaries: string | null;
  communityId: string | null;
  communityName: string | null;
  estimatedCost: number | null;
  actualCost: number | null;
  /** the confirmed claimer's public name (never the contact) */
  claimer: string | null;
  updatedAt: Date;
}

/** how many wishes of one group the wall lists */
export const WISH_WALL_LIMIT = 60;

/** the wishes on the wall (statuses the public may see, given by the caller), newest change first, of one community or all */
export async function wishWall(db: Db, statuses: readonly string[], communityId?: string): Promise<WishRow[]> {
  if (!statuses.length) return [];
  return db
    .select({
      number: cases.id,
      status: cases.status,
      title: cases.title,
      description: cases.description,
      beneficiaries: cases.beneficiaries,
      communityId: cases.communityId,
      communityName: communities.name,
      estimatedCost: cases.estimatedCost,
      actualCost: cases.actualCost,
      claimer: sql<string | null>`(select cl.claimer_name from claims cl where cl.case_id = cases.id and cl.status = 'confirmed')`,
      updatedAt: cases.updatedAt,
    })
    .from(cases)
    .leftJoin(communities, eq(communities.id, cases.communityId))
    .where(and(eq(cases.kind, WISH_KIND), inArray(cases.status, [...statuses]), communityId ? eq(cases.communityId, communityId) : undefined))
    .orderBy(desc(cases.updatedAt), desc(cases.id))
    .limit(WISH_WALL_LIMIT);
}

/** a wish for its claim form: only while it takes claims, else undefined */
export async function claimableWish(db: Db, caseId: number): Promise<{ number: number; title: string } | undefined> {
  const [c] = await claimableCases(db, { caseId, limit: 1 });
  return c ? { number: c.number, title: c.title } : undefined;
}
