import { z } from 'zod';
import { recordProjectRating } from '../../civic/evaluation.js';
import { fill, type BotTexts } from '../bot-texts.js';
import { caseIdSlot, commentSlot, noLongerAsked } from './answer-slots.js';
import type { Submitter } from './submitter.js';

/** what a flow submitting a score gives (flows/rating.yaml: the score as its pattern read it) */
const scoreSlots = z.object({ caseId: caseIdSlot, score: z.coerce.number().int().min(1).max(5), comment: commentSlot });

/** A score 1–5 for a case that asked for one (评议), recorded once (civic recordProjectRating); the receipt gives its average. */
export const scoreSubmitter =
  (texts: BotTexts): Submitter =>
  async (e, { turn, deps }) => {
    const a = scoreSlots.parse(e.slots);
    let r: { average: number | null; count: number };
    try {
      r = await recordProjectRating(deps.db, { caseId: a.caseId, openid: turn.openid, score: a.score, ...(a.comment ? { comment: a.comment } : {}) }, { now: turn.now });
    } catch (err) {
      if (noLongerAsked(err)) return { decline: true };
      throw err;
    }
    return { receipt: fill(texts.ratingThanks, { number: a.caseId, score: a.score, average: r.average ?? a.score, count: r.count }) };
  };
