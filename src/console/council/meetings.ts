import type { z } from 'zod';
import {
  attachMinutes,
  councilCandidates,
  isCouncilRefusal,
  listMeetings,
  meetingDetail,
  meetingRow,
  recordMeeting,
  type MeetingSummary,
} from '../../civic/index.js';
import { and, eq } from 'drizzle-orm';
import { councilMeetings } from '../../db/schema.js';
import { writeAudit } from '../audit.js';
import { assertScope, scopeWhere } from '../auth/access.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { actorOf, civicCtx, overrideHook } from '../cases/actions.js';
import { scopeHook } from '../cases/scope.js';
import type { councilMeetingBodySchema, councilMeetingResponseSchema } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import type { StoredFile } from '../../media/store-media-file.js';

const WHAT = '议事会';
const summary = ({ streetId: _s, createdBy: _c, ...m }: MeetingSummary) => ({ ...m, createdAt: m.createdAt.toISOString() });

/** the meetings of the communities in the user's scope (one community when asked), the latest first */
export async function councilList(deps: ConsoleDeps, me: StaffPrincipal, communityId?: string) {
  const where = and(scopeWhere(me, councilMeetings.communityId), communityId ? eq(councilMeetings.communityId, communityId) : undefined);
  return { meetings: (await listMeetings(deps.db, where)).map(summary) };
}

/** one meeting with what it decided: 403 when its community is not the user's */
export async function councilMeeting(deps: ConsoleDeps, me: StaffPrincipal, id: number) {
  const m = await meetingRow(deps.db, id);
  await assertScope(deps.db, me, m.communityId, WHAT);
  const d = await meetingDetail(deps.db, id);
  return { ...summary(d), minutes: d.minutes, decisions: d.decisions };
}

/** what a meeting of the community may decide (its proposals in 征集 / 审核 and their support) */
export async function councilCandidateList(deps: ConsoleDeps, me: StaffPrincipal, communityId: string) {
  await assertScope(deps.db, me, communityId, WHAT);
  const list = await councilCandidates(deps.db, communityId);
  return { candidates: list.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) };
}

/**
 * 记录议事会: the civic operation decides every proposal in ONE transaction, checking the user's
 * scope on the meeting's community and on each proposal inside it; the audit row commits with it.
 * A refusal keeps nothing and answers each refused proposal's reason in words.
 */
export async function councilCreate(
  deps: ConsoleDeps,
  me: StaffPrincipal,
  b: z.output<typeof councilMeetingBodySchema>,
): Promise<z.infer<typeof councilMeetingResponseSchema>> {
  const ctx = civicCtx(deps);
  try {
    return await deps.db.transaction(async (tx) => {
      const r = await recordMeeting(
        tx,
        { meeting: b, actor: actorOf(me), authorize: scopeHook(tx, me), authorizeCommunity: (communityId) => assertScope(tx, me, communityId, WHAT), ...overrideHook(me) },
        ctx,
      );
      await writeAudit(tx, {
        staffId: me.id,
        action: 'council.meeting',
        target: `council:${r.meetingId}`,
        after: { communityId: b.communityId, heldOn: b.heldOn, title: b.title, attendees: b.attendees, decisions: b.decisions },
        at: ctx.now,
      });
      return { decided: true as const, meetingId: r.meetingId, results: r.decisions };
    });
  } catch (e) {
    if (!isCouncilRefusal(e)) throw e;
    return { decided: false as const, message: e.message, refusals: [...e.refusals] };
  }
}

/** 会议纪要 stored (media/store-media-file.ts, as staff photos are), attached after the scope check inside the transaction; audited */
export async function councilMinutesAttach(deps: ConsoleDeps, me: StaffPrincipal, meetingId: number, stored: StoredFile, contentType: string) {
  const ctx = civicCtx(deps);
  return deps.db.transaction(async (tx) => {
    const r = await attachMinutes(tx, { meetingId, file: { ...stored, contentType }, authorizeCommunity: (communityId) => assertScope(tx, me, communityId, WHAT) });
    await writeAudit(tx, {
      staffId: me.id,
      action: 'council.minutes',
      target: `council:${meetingId}`,
      before: { path: r.replaced },
      after: { path: stored.path, sha256: stored.sha256, bytes: stored.bytes, contentType },
      at: ctx.now,
    });
    return { meetingId, type: contentType, bytes: stored.bytes };
  });
}
