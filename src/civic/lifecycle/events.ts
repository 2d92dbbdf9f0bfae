import { and, eq, inArray, isNotNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { caseEvents, cases } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../context.js';
import { stripInvisible } from '../text.js';
import { civicTexts, fill } from '../texts.js';
import type { CaseRow } from '../kinds/kind.js';

/**
 * Timeline event types: created · status_changed · note · milestone · transferred · objection · rating · funding · supervised
 * · delivery · acceptance · evaluation (internal: their records are public on the case page, read from their tables).
 * Public on the timeline: created, status_changed, milestone, transferred, and any event with a public note.
 * (funding is audit: the money itself is public on the case page's 资金来源, read from case_funding;
 * supervised, 督办, is between staff and never has a public note)
 */
export type CaseEventType = 'created' | 'status_changed' | 'note' | 'milestone' | 'transferred' | 'objection' | 'rating' | 'funding' | 'supervised' | 'delivery' | 'acceptance' | 'evaluation';
export const PUBLIC_EVENT_TYPES: readonly CaseEventType[] = ['created', 'status_changed', 'milestone', 'transferred'];

/** the events of a case anyone may see on its timeline (as above), for a where clause */
export const publicEventsOf = (caseId: number): SQL =>
  and(eq(caseEvents.caseId, caseId), or(inArray(caseEvents.type, [...PUBLIC_EVENT_TYPES]), isNotNull(caseEvents.publicNote)))!;

export const notFound = (caseId: number) =>
  new AppError('not_found', fill(civicTexts.errors.caseNotFound, { number: caseId }), { reason: 'unknown_case' });

export const staleConflict = () =>
  new AppError('conflict', civicTexts.errors.staleStatus, { reason: 'stale_status' });

export async function loadCase(db: Db, caseId: number): Promise<CaseRow> {
  const [row] = await db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) throw notFound(caseId);
  return row;
}

export async function insertEvent(
  db: Db,
  e: {
    caseId: number;
    at: Date;
    actor: Actor;
    type: CaseEventType;
    fromStatus?: string | null;
    toStatus?: string | null;
    publicNote?: string | null;
    internalNote?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<number> {
  const [row] = await db
    .insert(caseEvents)
    .values({
      caseId: e.caseId,
      at: e.at,
      actorType: e.actor.type,
      actorId: e.actor.id,
      type: e.type,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      publicNote: e.publicNote ?? null,
      internalNote: e.internalNote ?? null,
      data: e.data ?? {},
    })
    .returning({ id: caseEvents.id });
  return row!.id;
}

/** a value safe for a jsonb column: dates become ISO strings, undefined keys vanish */
export const jsonData = (d: unknown): Record<string, unknown> =>
  d && typeof d === 'object' ? (JSON.parse(JSON.stringify(d)) as Record<string, unknown>) : {};

/** trims a note (invisible bidi and zero-width characters dropped); blank is absent */
export const cleanNote = (s: string | null | undefined): string | undefined => {
  const t = s === null || s === undefined ? undefined : stripInvisible(s).trim();
  return t ? t : undefined;
};
