import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { communitySubscriptions, residents, subscriptions } from '../db/schema.js';
import type { CaseRow } from './kinds/kind.js';

export const SURVEY_ASK_PREFIX = 'survey:';
/** the outbox key of the push asking `openid` about `caseId`: asked once each */
export const surveyAskKey = (caseId: number, openid: string): string => `${SURVEY_ASK_PREFIX}${caseId}:${openid}`;

/**
 * Who the 满意度调查 push asks when a project is completed: its proposer, supporters and followers
 * who did not mute its pushes (退订 N), and the residents following its community, each once, all
 * reachable (still following the account, not reported unreachable). Answering is open to the
 * muted too (survey.ts): they are beneficiaries who only asked for no pushes.
 */
export async function surveyRecipients(tx: Db, row: CaseRow): Promise<string[]> {
  const reachable = and(isNull(residents.unreachableAt), eq(residents.following, true));
  const subs = await tx
    .select({ openid: subscriptions.openid, muted: subscriptions.muted })
    .from(subscriptions)
    .innerJoin(residents, eq(residents.openid, subscriptions.openid))
    .where(and(eq(subscriptions.caseId, row.id), reachable));
  const community = row.communityId
    ? await tx
        .select({ openid: communitySubscriptions.openid })
        .from(communitySubscriptions)
        .innerJoin(residents, eq(residents.openid, communitySubscriptions.openid))
        .where(and(eq(communitySubscriptions.communityId, row.communityId), reachable))
    : [];
  const muted = new Set(subs.filter((s) => s.muted).map((s) => s.openid));
  return [...new Set([...subs.map((s) => s.openid), ...community.map((c) => c.openid)])].filter((id) => !muted.has(id)).sort();
}
