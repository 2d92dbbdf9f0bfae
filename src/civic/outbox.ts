import { and, eq, isNull, notInArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { communitySubscriptions, outbox, residents, subscriptions } from '../db/schema.js';
import { defaultCategories, type CategoryCatalog } from './categories.js';
import type { CaseKind, CaseRow } from './kinds/kind.js';
import { kindLabel, statusLabel } from './kinds/kind-texts.js';
import { kindModule } from './kinds/registry.js';
import { excerpt, maskPhones } from './text.js';

/**
 * Outbox kinds written by civic/:
 * - status_changed: a case changed status (key status:<eventId>:<openid>)
 * - case_update: a public note, milestone or transfer on a case (key update:<eventId>:<openid>)
 * - publicity_notice: a project of a subscribed community went into 公示 (key publicity:<eventId>:<openid>)
 */
export type OutboxKind = 'status_changed' | 'case_update' | 'publicity_notice';

export interface CasePushPayload {
  caseId: number;
  /** the number residents type after 查询 */
  caseNumber: number;
  kind: CaseKind;
  /** 报修, 微实事 … */
  kindLabel: string;
  update: 'status_changed' | 'note' | 'milestone' | 'transferred' | 'publicity';
  status: string;
  statusLabel: string;
  fromStatus?: string;
  fromStatusLabel?: string;
  /** ≤ 20 characters (fits a template field): the project title, or the category and description */
  title: string;
  /** ≤ 60 characters of the description (mobile numbers masked: subscribers are not only the author) */
  description: string;
  publicNote: string | null;
  at: string;
  percent?: number;
  duplicateOf?: number;
}

const keyPrefix: Record<OutboxKind, string> = {
  status_changed: 'status',
  case_update: 'update',
  publicity_notice: 'publicity',
};

/** ≤ 20 characters naming the case, as its kind words it (the project's title, a report's category and description) */
export function caseTitle(
  row: Pick<CaseRow, 'kind' | 'title' | 'category' | 'description'>,
  categories: CategoryCatalog = defaultCategories(),
): string {
  return kindModule(row.kind).title(row, categories);
}

export function casePayload(
  row: CaseRow,
  update: CasePushPayload['update'],
  at: Date,
  extra: Partial<CasePushPayload> = {},
  categories?: CategoryCatalog,
): CasePushPayload {
  return {
    caseId: row.id,
    caseNumber: row.id,
    kind: row.kind,
    kindLabel: kindLabel(row.kind),
    update,
    status: row.status,
    statusLabel: statusLabel(row.kind, row.status),
    title: caseTitle(row, categories),
    description: excerpt(maskPhones(row.description), 60),
    publicNote: null,
    at: at.toISOString(),
    ...extra,
  };
}

/** rows per INSERT: 8 parameters each stays well under PostgreSQL's 65,535 bind parameters */
const INSERT_CHUNK = 1000;

async function insertRows(
  tx: Db,
  openids: string[],
  o: { kind: OutboxKind; caseId: number; eventId: number; payload: CasePushPayload; now: Date },
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < openids.length; i += INSERT_CHUNK) inserted += await insertChunk(tx, openids.slice(i, i + INSERT_CHUNK), o);
  return inserted;
}

async function insertChunk(
  tx: Db,
  openids: string[],
  o: { kind: OutboxKind; caseId: number; eventId: number; payload: CasePushPayload; now: Date },
): Promise<number> {
  if (!openids.length) return 0;
  const rows = await tx
    .insert(outbox)
    .values(
      openids.map((openid) => ({
        openid,
        caseId: o.caseId,
        eventId: o.eventId,
        kind: o.kind,
        payload: o.payload as unknown as Record<string, unknown>,
        idempotencyKey: `${keyPrefix[o.kind]}:${o.eventId}:${openid}`,
        nextAttemptAt: o.now,
        createdAt: o.now,
      })),
    )
    .onConflictDoNothing({ target: outbox.idempotencyKey })
    .returning({ id: outbox.id });
  return rows.length;
}

/** Reachable subscribers of a case (not muted by 退订 N; residents WeChat has not reported unreachable, still following). */
export async function reachableSubscribers(tx: Db, caseId: number): Promise<string[]> {
  const rows = await tx
    .select({ openid: subscriptions.openid })
    .from(subscriptions)
    .innerJoin(residents, eq(residents.openid, subscriptions.openid))
    .where(and(eq(subscriptions.caseId, caseId), eq(subscriptions.muted, false), isNull(residents.unreachableAt), eq(residents.following, true)))
    .orderBy(subscriptions.openid);
  return rows.map((r) => r.openid);
}

/**
 * Queues one push per subscriber of the case, inside the caller's transaction (so a rolled-back
 * change queues nothing). The resident who caused the change is not told about it.
 */
export async function queueCasePush(
  tx: Db,
  o: { kind: Exclude<OutboxKind, 'publicity_notice'>; row: CaseRow; eventId: number; payload: CasePushPayload; now: Date; exclude?: string },
): Promise<number> {
  const to = (await reachableSubscribers(tx, o.row.id)).filter((id) => id !== o.exclude);
  return insertRows(tx, to, { kind: o.kind, caseId: o.row.id, eventId: o.eventId, payload: o.payload, now: o.now });
}

/**
 * One push of a note about a case to one resident (an objector told their objection closed), inside
 * the caller's transaction; `key` makes it once only (the sender skips a resident WeChat cannot reach).
 */
export async function queueNotePush(
  tx: Db,
  o: { row: CaseRow; openid: string; note: string; key: string; eventId?: number; now: Date; categories?: CategoryCatalog },
): Promise<void> {
  const payload = casePayload(o.row, 'note', o.now, { publicNote: o.note }, o.categories);
  await tx
    .insert(outbox)
    .values({
      openid: o.openid,
      caseId: o.row.id,
      ...(o.eventId ? { eventId: o.eventId } : {}),
      kind: 'case_update',
      payload: payload as unknown as Record<string, unknown>,
      idempotencyKey: o.key,
      nextAttemptAt: o.now,
      createdAt: o.now,
    })
    .onConflictDoNothing({ target: outbox.idempotencyKey });
}

/** 公示 of a project: residents subscribed to its community who do not already follow the case. */
export async function queuePublicityNotice(
  tx: Db,
  o: { row: CaseRow; eventId: number; payload: CasePushPayload; now: Date },
): Promise<number> {
  if (!o.row.communityId) return 0;
  const already = await tx
    .select({ openid: subscriptions.openid })
    .from(subscriptions)
    .where(eq(subscriptions.caseId, o.row.id));
  const rows = await tx
    .select({ openid: communitySubscriptions.openid })
    .from(communitySubscriptions)
    .innerJoin(residents, eq(residents.openid, communitySubscriptions.openid))
    .where(
      and(
        eq(communitySubscriptions.communityId, o.row.communityId),
        isNull(residents.unreachableAt),
        eq(residents.following, true),
        already.length ? notInArray(communitySubscriptions.openid, already.map((a) => a.openid)) : undefined,
      ),
    )
    .orderBy(communitySubscriptions.openid);
  return insertRows(
    tx,
    rows.map((r) => r.openid),
    { kind: 'publicity_notice', caseId: o.row.id, eventId: o.eventId, payload: o.payload, now: o.now },
  );
}
