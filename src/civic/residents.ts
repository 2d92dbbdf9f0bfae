import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { residents } from '../db/schema.js';
import { AppError } from '../errors.js';
import { findCommunity } from './communities.js';
import { civicTexts } from './texts.js';

export type Resident = typeof residents.$inferSelect;

/** The resident row for an openid, created on first sight. */
export async function ensureResident(db: Db, openid: string, now?: Date): Promise<Resident> {
  if (!openid) throw new AppError('bad_request', civicTexts.errors.missingOpenid, { reason: 'missing_openid' });
  await db
    .insert(residents)
    .values({ openid, ...(now ? { createdAt: now } : {}) }).onConflictDoNothing({ target: residents.openid });
  const [row] = await db.select().from(residents).where(eq(residents.openid, openid));
  return row!;
}

export async function getResident(db: Db, openid: string): Promise<Resident | undefined> {
  const [row] = await db.select().from(residents).where(eq(residents.openid, openid));
  return row;
}

/** Sets the resident's community; AppError 'not_found' when the community does not exist. */
export async function bindCommunity(db: Db, openid: string, communityId: string, now?: Date): Promise<Resident> {
  const community = await findCommunity(db, communityId);
  if (!community) throw new AppError('not_found', civicTexts.errors.unknownCommunity, { reason: 'unknown_community' });
  const [row] = await db
    .insert(residents)
    .values({ openid, communityId, ...(now ? { createdAt: now } : {}) })
    .onConflictDoUpdate({ target: residents.openid, set: { communityId } })
    .returning();
  return row!;
}

/**
 * The community id in a QR-code scene: `community_<id>` (SCAN event key) or
 * `qrscene_community_<id>` (subscribe event key of a parametric QR code). null otherwise.
 */
export function communityFromScene(scene: string | undefined | null): string | null {
  if (!scene) return null;
  const m = /^(?:qrscene_)?community_([a-z0-9][a-z0-9_-]{0,39})$/.exec(scene.trim());
  return m ? m[1]! : null;
}

/** WeChat said the resident cannot be reached (43004 unfollowed, 40003, 43019 …): no pushes are queued. */
export async function markUnreachable(db: Db, openid: string, reason: string, now?: Date): Promise<void> {
  await db
    .update(residents)
    .set({ unreachableAt: now ?? sql`now()`, unreachableReason: reason })
    .where(eq(residents.openid, openid));
}

/** A message from the resident: records the time and makes them reachable again. */
export async function touchResident(db: Db, openid: string, now: Date): Promise<void> {
  await db
    .insert(residents)
    .values({ openid, createdAt: now, lastMessageAt: now })
    .onConflictDoUpdate({
      target: residents.openid,
      set: { lastMessageAt: now, unreachableAt: null, unreachableReason: null },
    });
}

/** subscribe / unsubscribe events of the official account */
export async function setFollowing(db: Db, openid: string, following: boolean, now: Date): Promise<void> {
  await db
    .insert(residents)
    .values({ openid, createdAt: now, following })
    .onConflictDoUpdate({
      target: residents.openid,
      set: following ? { following, unreachableAt: null, unreachableReason: null } : { following },
    });
}
