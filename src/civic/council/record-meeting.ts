import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { councilMeetings } from '../../db/schema.js';
import { AppError, isAppError } from '../../errors.js';
import { chinaDate } from '../calendar.js';
import { getCommunity } from '../communities.js';
import type { Actor, CivicContext } from '../context.js';
import { parseInput } from '../intake.js';
import { COUNCIL_OUTCOMES, type CaseRow } from '../kinds/kind.js';
import { proposalSupportCounts } from '../support.js';
import { civicTexts, fill } from '../texts.js';
import { attendeesSchema, attendeeValues } from './attendees.js';
import { CouncilRefusal, type CouncilRefusalLine } from './council-refusal.js';
import { decideOne, type Decided } from './decide.js';

const votes = z.number().int().min(0).max(10_000).optional();

export const councilDecisionSchema = z.object({
  caseId: z.number().int().positive(),
  outcome: z.enum(COUNCIL_OUTCOMES),
  approvedCost: z.number().int().positive().optional(),
  reason: z.string().trim().max(500).optional(),
  overrideReason: z.string().trim().min(1).max(500).optional(),
  votes: z.object({ for: votes, against: votes, abstain: votes }).optional(),
});

export const councilMeetingSchema = z.object({
  communityId: z.string().min(1),
  /** YYYY-MM-DD, the day it met (China) */
  heldOn: z.iso.date(),
  title: z.string().trim().min(1).max(100),
  attendees: attendeesSchema,
  decisions: z.array(councilDecisionSchema).min(1).max(200),
});
export type CouncilMeetingInput = z.input<typeof councilMeetingSchema>;

export interface RecordMeetingInput {
  meeting: CouncilMeetingInput;
  actor: Actor;
  /** the staff scope check on the meeting's community, inside the transaction */
  authorizeCommunity?: (communityId: string) => void | Promise<void>;
  /** the staff scope check on each proposal, inside the transaction (as every case write) */
  authorize?: (row: CaseRow) => void | Promise<void>;
  /** present when the caller may approve beyond a budget envelope with a reason (a manager), inside the transaction */
  authorizeOverride?: () => void | Promise<void>;
}

export interface RecordedMeeting {
  meetingId: number;
  decisions: Decided[];
}

/**
 * 居民议事会: a meeting of one community (date, attendees by group) and what it decided of many
 * proposals, in ONE transaction. Each proposal moves by the lifecycle's own edges (transitionInTx:
 * its rules, the scope check and the push to the proposer and supporters), with the support it had
 * kept beside the decision. Every proposal is tried, each in a savepoint, so that if any rule
 * refuses one the refusal names them all (CouncilRefusal); then nothing is kept, the meeting
 * neither. The minutes are attached afterwards (minutes.ts).
 */
export async function recordMeeting(db: Db, input: RecordMeetingInput, ctx: CivicContext): Promise<RecordedMeeting> {
  const m = parseInput(councilMeetingSchema, input.meeting, civicTexts.inputWhat.council);
  if (m.heldOn > chinaDate(ctx.now)) throw new AppError('bad_request', civicTexts.errors.councilFutureDate, { reason: 'future_date' });
  return db.transaction(async (tx) => {
    const community = await getCommunity(tx, m.communityId);
    if (input.authorizeCommunity) await input.authorizeCommunity(community.id);
    const [meeting] = await tx
      .insert(councilMeetings)
      .values({
        streetId: community.streetId,
        communityId: community.id,
        heldOn: m.heldOn,
        title: m.title,
        ...attendeeValues(m.attendees),
        createdBy: input.actor.id,
        createdAt: ctx.now,
      })
      .returning();
    const supports = await proposalSupportCounts(
      tx,
      m.decisions.map((d) => d.caseId),
    );
    const seen = new Set<number>();
    const decided: Decided[] = [];
    const refused: CouncilRefusalLine[] = [];
    for (const d of m.decisions) {
      if (seen.has(d.caseId)) {
        refused.push({ caseId: d.caseId, status: 400, reason: 'repeated', message: fill(civicTexts.errors.councilRepeated, { number: d.caseId }) });
        continue;
      }
      seen.add(d.caseId);
      try {
        decided.push(
          await tx.transaction((sp) =>
            decideOne(sp, { meeting: meeting!, decision: d, supportCount: supports.get(d.caseId) ?? 0, actor: input.actor, authorize: input.authorize, authorizeOverride: input.authorizeOverride }, ctx),
          ),
        );
      } catch (e) {
        if (!isAppError(e)) throw e;
        refused.push({ caseId: d.caseId, status: e.status, reason: e.reason, message: e.message });
      }
    }
    if (refused.length) throw new CouncilRefusal(refused);
    return { meetingId: meeting!.id, decisions: decided };
  });
}
