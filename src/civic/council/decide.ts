import { councilDecisions, type councilMeetings } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { formatDate, formatMoney } from '../../texts/format.js';
import type { Actor, CivicContext } from '../context.js';
import type { CaseRow, CouncilOutcome } from '../kinds/kind.js';
import { kindModule } from '../kinds/registry.js';
import { loadCase } from '../lifecycle/events.js';
import { transitionInTx } from '../lifecycle/transition.js';
import { civicTexts, fill } from '../texts.js';
import type { Db } from '../../db/client.js';

export interface DecisionInput {
  caseId: number;
  outcome: CouncilOutcome;
  /** fen (分): 确定 only */
  approvedCost?: number | undefined;
  /** 不予采纳 only: public */
  reason?: string | undefined;
  /** 确定 beyond the year's budget envelope: a manager's reason (kept on the move's event) */
  overrideReason?: string | undefined;
  votes?: { for?: number | undefined; against?: number | undefined; abstain?: number | undefined } | undefined;
}

export interface Decided {
  caseId: number;
  outcome: CouncilOutcome;
  /** the status it moved to */
  status: string;
  statusLabel: string;
  /** pushes queued (proposer and supporters) */
  queued: number;
}

type Meeting = typeof councilMeetings.$inferSelect;

/** the day a meeting met, as an instant (midnight in China) */
export const meetingDay = (heldOn: string): Date => new Date(`${heldOn}T00:00:00+08:00`);

/** 3月2日议事会确定，经费4.5万元 / …列入备选库 / …不予采纳：理由: the move's public note; undefined when a declined one has no reason (the lifecycle says what is missing) */
export function decisionNote(meeting: Pick<Meeting, 'heldOn'>, d: Pick<DecisionInput, 'outcome' | 'approvedCost' | 'reason'>, now: Date): string | undefined {
  const date = formatDate(meetingDay(meeting.heldOn), now);
  switch (d.outcome) {
    case 'approved':
      return fill(civicTexts.council.approved, { date, cost: formatMoney(d.approvedCost) });
    case 'reserve':
      return fill(civicTexts.council.reserve, { date });
    case 'declined':
      return d.reason ? fill(civicTexts.council.declined, { date, reason: d.reason }) : undefined;
  }
}

/**
 * One proposal of a meeting, inside the meeting's transaction: the staff scope check on the row,
 * the meeting's own community only, then the lifecycle's own moves (a collected proposal to review
 * first, quietly; then to the outcome, pushed to the proposer and supporters with the meeting's
 * words) and the decision's row. Any rule that refuses throws its AppError, in words.
 */
export async function decideOne(
  tx: Db,
  o: {
    meeting: Meeting;
    decision: DecisionInput;
    supportCount: number;
    actor: Actor;
    authorize?: ((row: CaseRow) => void | Promise<void>) | undefined;
    authorizeOverride?: (() => void | Promise<void>) | undefined;
  },
  ctx: CivicContext,
): Promise<Decided> {
  const d = o.decision;
  const row = await loadCase(tx, d.caseId);
  if (o.authorize) await o.authorize(row);
  const council = kindModule(row.kind).council;
  if (!council) throw new AppError('bad_request', fill(civicTexts.errors.councilNotDecided, { number: row.id }), { reason: 'not_council' });
  if (row.communityId !== o.meeting.communityId)
    throw new AppError('forbidden', fill(civicTexts.errors.councilOtherCommunity, { number: row.id }), { reason: 'other_community' });
  const authorize = o.authorize ? { authorize: o.authorize } : {};
  if (row.status !== council.review && council.from.includes(row.status))
    await transitionInTx(tx, { caseId: row.id, from: row.status, to: council.review, actor: o.actor, quiet: true, data: { meetingId: o.meeting.id }, ...authorize }, ctx);
  const note = decisionNote(o.meeting, d, ctx.now);
  const r = await transitionInTx(
    tx,
    {
      caseId: row.id,
      to: council.outcomes[d.outcome],
      actor: o.actor,
      ...(note ? { publicNote: note } : {}),
      data: {
        meetingId: o.meeting.id,
        ...(d.approvedCost !== undefined ? { approvedCost: d.approvedCost } : {}),
        ...(d.reason ? { reason: d.reason } : {}),
        ...(d.outcome === 'approved' && d.overrideReason ? { overrideReason: d.overrideReason } : {}),
      },
      ...authorize,
      authorizeOverride: o.authorizeOverride,
    },
    ctx,
  );
  await tx.insert(councilDecisions).values({
    meetingId: o.meeting.id,
    caseId: row.id,
    outcome: d.outcome,
    votesFor: d.votes?.for ?? null,
    votesAgainst: d.votes?.against ?? null,
    votesAbstain: d.votes?.abstain ?? null,
    approvedCost: d.outcome === 'approved' ? (d.approvedCost ?? null) : null,
    reason: d.outcome === 'declined' ? (d.reason ?? null) : null,
    supportCount: o.supportCount,
    eventId: r.eventId,
    createdAt: ctx.now,
  });
  return { caseId: row.id, outcome: d.outcome, status: r.to, statusLabel: r.statusLabel, queued: r.queued };
}
