import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases } from '../db/schema.js';
import { AppError } from '../errors.js';
import { kindModule, statusAttrs } from './kinds/registry.js';
import { notFound } from './lifecycle/events.js';
import { ensureResident } from './residents.js';
import { addSubscription, type SubscriptionRole } from './subscriptions.js';
import { civicTexts } from './texts.js';

/**
 * 我也遇到 (role supporter: the same problem, on a kind residents join, a report) or 订阅 (role
 * follower, any case anyone may see): the resident gets every public step of the case. A stronger
 * role already held is kept; returns it. A case in a private status (a wish before review) is as
 * unknown to others as a missing one.
 */
export async function followCase(
  db: Db,
  caseId: number,
  openid: string,
  role: Exclude<SubscriptionRole, 'author'>,
  now?: Date,
): Promise<SubscriptionRole> {
  const [row] = await db.select({ kind: cases.kind, status: cases.status, openid: cases.openid }).from(cases).where(eq(cases.id, caseId));
  if (!row || (!statusAttrs(row.kind, row.status)?.public && row.openid !== openid)) throw notFound(caseId);
  if (role === 'supporter' && !kindModule(row.kind).features.support)
    throw new AppError('bad_request', civicTexts.errors.supportNeedsReport, { reason: 'support_needs_report' });
  await ensureResident(db, openid, now);
  return addSubscription(db, { caseId, openid, role, now });
}

/** 订阅 N: pushes for every public step of case N. Returns the role held (an author stays author). */
export const subscribeCase = (db: Db, caseId: number, openid: string, now: Date): Promise<SubscriptionRole> =>
  followCase(db, caseId, openid, 'follower', now);
