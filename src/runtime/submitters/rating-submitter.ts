import { z } from 'zod';
import { recordProjectRating } from '../../civic/evaluation.js';
import { fill, type BotTexts } from '../bot-texts.js';
import { caseIdSlot, commentSlot, noLongerAsked } from './answer-slots.js';
import type { Submitter } from './submitter.js';

/** what flows/rating.yaml submits (the score as its pattern read it) */
const ratingSlots = z.object({ caseId: caseIdSlot, score: z.coerce.number().int().min(1).max(5), comment: commentSlot });

/** 评议, answered (flows/rating.yaml): the score recorded (civic recordProjectRating); the receipt gives the project's average */
export const ratingSubmitter =
  (texts: BotTexts): Submitter =>
  async (e, { turn, deps }) => {
    const a = ratingSlots.parse(e.slots);
    let r: { average: number | null; count: number };
    try {
      r = await recordProjectRating(deps.db, { caseId: a.caseId, openid: turn.openid, score: a.score, ...(a.comment ? { comment: a.comment } : {}) }, { now: turn.now });
    } catch (err) {
      if (noLongerAsked(err)) return { decline: true };
      throw err;
    }
    return { receipt: fill(texts.ratingThanks, { number: a.caseId, score: a.score, average: r.average ?? a.score, count: r.count }) };
  };
