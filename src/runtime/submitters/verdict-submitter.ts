import { z } from 'zod';
import { recordReportFeedback } from '../../civic/evaluation.js';
import { caseIdSlot, commentSlot, noLongerAsked } from './answer-slots.js';
import type { Submitter } from './submitter.js';

/** what a flow submitting a verdict gives (flows/feedback.yaml) */
const verdictSlots = z.object({ caseId: caseIdSlot, satisfied: z.boolean(), comment: commentSlot });

/**
 * A verdict on a case that asked for one (问题解决了吗, whatever the kind): satisfied closes it, not
 * satisfied reopens it with the resident's words (civic recordReportFeedback, which moves the case as
 * its kind says). What the resident reads is the flow's own message; there is no receipt.
 */
export const verdictSubmitter: Submitter = async (e, { turn, deps }) => {
  const a = verdictSlots.parse(e.slots);
  try {
    await recordReportFeedback(deps.db, { caseId: a.caseId, openid: turn.openid, satisfied: a.satisfied, ...(a.comment ? { comment: a.comment } : {}) }, { now: turn.now });
  } catch (err) {
    if (noLongerAsked(err)) return { decline: true };
    throw err;
  }
  return {};
};
