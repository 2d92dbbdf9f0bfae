import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases, communitySubscriptions, subscriptions } from '../db/schema.js';
import { AppError } from '../errors.js';
import { findCommunity } from './communities.js';
import type { CaseKind } from './kinds/names.js';
import { ensureResident } from './residents.js';
import { civicTexts, fill } from './texts.js';

export type SubscriptionRole = 'author' | 'supporter' | 'follower';
/** a stronger role is never replaced by a weaker one */
const rank: Record<SubscriptionRole, number> = { follower: 0, supporter: 1, author: 2 };

export interface Subscriber {
  openid: string;
  role: SubscriptionRole;
  createdAt: Date;
}

export async function caseKind(db: Db, caseId: number): Promise<CaseKind> {
  const [row] = await db.select({ kind: cases.kind }).from(cases).where(eq(cases.id, caseId));
  if (!row) throw new AppError('not_found', fill(civicTexts.errors.caseNotFound, { number: caseId }), { reason: 'unknown_case' });
  return row.kind;
}

/**
 * Subscribes a resident to a case with a role, keeping a stronger role they already have
 * (an author who taps 我也遇到 stays the author). Returns the role now held.
 */
export async function addSubscription(
  db: Db,
  o: { caseId: number; openid: string; role: SubscriptionRole; now?: Date | undefined },
): Promise<SubscriptionRole> {
  const [inserted] = await db
    .insert(subscriptions)
    .values({ caseId: o.caseId, openid: o.openid, role: o.role, ...(o.now ? { createdAt: o.now } : {}) })
    .onConflictDoNothing()
    .returning({ role: subscriptions.role });
  if (inserted) return inserted.role;
  const [current] = await db
    .select({ role: subscriptions.role })
    .from(subscriptions)
    .where(and(eq(subscriptions.caseId, o.caseId), eq(subscriptions.openid, o.openid)));
  // subscribing again (订阅 N, 我也遇到) after 退订 brings the pushes back
  if (current && rank[current.role] >= rank[o.role]) {
    await db.update(subscriptions).set({ muted: false }).where(and(eq(subscriptions.caseId, o.caseId), eq(subscriptions.openid, o.openid), eq(subscriptions.muted, true)));
    return current.role;
  }
  await db
    .update(subscriptions)
    .set({ role: o.role, muted: false })
    .where(and(eq(subscriptions.caseId, o.caseId), eq(subscriptions.openid, o.openid)));
  return o.role;
}

/**
 * 退订 N: no more pushes of the case; true when the resident was receiving them. A follower's
 * subscription goes; an author's or a supporter's stays, muted: the supporter keeps counting (支持 N
 * is not withdrawn by stopping the pushes) and both still find the case in 我的.
 */
export async function unsubscribeCase(db: Db, caseId: number, openid: string): Promise<boolean> {
  const mine = and(eq(subscriptions.caseId, caseId), eq(subscriptions.openid, openid));
  const gone = await db
    .delete(subscriptions)
    .where(and(mine, eq(subscriptions.role, 'follower')))
    .returning({ openid: subscriptions.openid });
  const muted = await db
    .update(subscriptions)
    .set({ muted: true })
    .where(and(mine, eq(subscriptions.muted, false)))
    .returning({ openid: subscriptions.openid });
  return gone.length + muted.length > 0;
}

/** who receives the case's pushes (a resident who said 退订 N is not listed) */
export async function listSubscribers(db: Db, caseId: number): Promise<Subscriber[]> {
  return db
    .select({ openid: subscriptions.openid, role: subscriptions.role, createdAt: subscriptions.createdAt })
    .from(subscriptions)
    .where(and(eq(subscriptions.caseId, caseId), eq(subscriptions.muted, false)))
    .orderBy(subscriptions.createdAt, subscriptions.openid);
}

/** 订阅社区: a push when a project of the community goes into 公示. false when already subscribed. */
export async function subscribeCommunity(db: Db, communityId: string, openid: string, now: Date): Promise<boolean> {
  if (!(await findCommunity(db, communityId)))
    throw new AppError('not_found', civicTexts.errors.unknownCommunity, { reason: 'unknown_community' });
  await ensureResident(db, openid, now);
  const rows = await db
    .insert(communitySubscriptions)
    .values({ communityId, openid, createdAt: now })
    .onConflictDoNothing()
    .returning({ openid: communitySubscriptions.openid });
  return rows.length > 0;
}

export async function unsubscribeCommunity(db: Db, communityId: string, openid: string): Promise<boolean> {
  const rows = await db
    .delete(communitySubscriptions)
    .where(and(eq(communitySubscriptions.communityId, communityId), eq(communitySubscriptions.openid, openid)))
    .returning({ openid: communitySubscriptions.openid });
  return rows.length > 0;
}

export async function listCommunitySubscribers(db: Db, communityId: string): Promise<string[]> {
  const rows = await db
    .select({ openid: communitySubscriptions.openid })
    .from(communitySubscriptions)
    .where(eq(communitySubscriptions.communityId, communityId))
    .orderBy(communitySubscriptions.openid);
  return rows.map((r) => r.openid);
}

/** communities a resident follows */
export async function listResidentCommunitySubscriptions(db: Db, openid: string): Promise<string[]> {
  const rows = await db
    .select({ id: communitySubscriptions.communityId })
    .from(communitySubscriptions)
    .where(eq(communitySubscriptions.openid, openid));
  return rows.map((r) => r.id);
}

/**
 * A case merged into another (已合并): its subscribers follow the target instead. The author of the
 * merged case becomes a supporter of the target (they reported the same problem); supporters and
 * followers keep their role; nobody loses a stronger role on the target. Returns how many moved.
 */
export async function moveSubscribers(db: Db, fromCaseId: number, toCaseId: number, now: Date): Promise<number> {
  const subs = await listSubscribers(db, fromCaseId);
  for (const s of subs) {
    const role: SubscriptionRole = s.role === 'author' ? 'supporter' : s.role;
    await addSubscription(db, { caseId: toCaseId, openid: s.openid, role, now });
  }
  if (subs.length)
    await db.delete(subscriptions).where(
      and(
        eq(subscriptions.caseId, fromCaseId),
        inArray(
          subscriptions.openid,
          subs.map((s) => s.openid),
        ),
      ),
    );
  return subs.length;
}

/** author + supporter count of each case (how many residents reported the problem) */
export async function supporterCounts(db: Db, caseIds: number[]): Promise<Map<number, number>> {
  if (!caseIds.length) return new Map();
  const rows = await db
    .select({ caseId: subscriptions.caseId, n: sql<number>`count(*)::int` })
    .from(subscriptions)
    .where(and(inArray(subscriptions.caseId, caseIds), inArray(subscriptions.role, ['author', 'supporter'])))
    .groupBy(subscriptions.caseId);
  return new Map(rows.map((r) => [r.caseId, Number(r.n)]));
}
