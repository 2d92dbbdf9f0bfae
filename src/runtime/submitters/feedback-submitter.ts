import { z } from 'zod';
import { recordReportFeedback } from '../../civic/evaluation.js';
import { fill, type BotTexts } from '../bot-texts.js';
import { caseIdSlot, commentSlot, noLongerAsked } from './answer-slots.js';
import type { Submitter } from './submitter.js';

/** what flows/feedback.yaml submits */
const feedbackSlots = z.object({ caseId: caseIdSlot, satisfied: z.boolean(), comment: commentSlot });

/**
 * 问题解决了吗, answered (flows/feedback.yaml): satisfied closes the case, not satisfied reopens it
 * with the resident's words (civic recordReportFeedback); the receipt thanks them or says it is
 * being done again.
 */
export const feedbackSubmitter =
  (texts: BotTexts): Submitter =>
  async (e, { turn, deps }) => {
    const a = feedbackSlots.parse(e.slots);
    try {
      await recordReportFeedback(deps.db, { caseId: a.caseId, openid: turn.openid, satisfied: a.satisfied, ...(a.comment ? { comment: a.comment } : {}) }, { now: turn.now });
    } catch (err) {
      if (noLongerAsked(err)) return { decline: true };
      throw err;
    }
    return { receipt: fill(a.satisfied ? texts.feedbackThanks : texts.feedbackReopened, { number: a.caseId }) };
  };
