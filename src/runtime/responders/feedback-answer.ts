import { recordProjectRating, recordReportFeedback } from '../../civic/index.js';
import { fill } from '../bot-texts.js';
import { parseFeedback, parseRating, projectAwaitingRating, reportAwaitingFeedback } from '../feedback.js';
import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/**
 * "1 已解决 / 2 没解决" (or the resident's own words) for a report resolved recently, else a score
 * 1–5 (评议) for a completed project the resident follows.
 */
export const feedbackAnswer =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const raw = typedText(msg)?.raw;
    if (raw === undefined) return undefined;
    const answer = parseFeedback(raw);
    const caseId = answer ? await reportAwaitingFeedback(c.db, turn.openid, turn.now) : undefined;
    if (answer && caseId !== undefined) {
      await recordReportFeedback(c.db, { caseId, openid: turn.openid, satisfied: answer.satisfied, ...(answer.comment ? { comment: answer.comment } : {}) }, { now: turn.now });
      return [fill(answer.satisfied ? c.texts.feedbackThanks : c.texts.feedbackReopened, { number: caseId })];
    }
    const rating = parseRating(raw);
    if (!rating) return undefined;
    const projectId = await projectAwaitingRating(c.db, turn.openid, turn.now);
    if (projectId === undefined) return undefined;
    const r = await recordProjectRating(c.db, { caseId: projectId, openid: turn.openid, ...rating }, { now: turn.now });
    return [fill(c.texts.ratingThanks, { number: projectId, score: rating.score, average: r.average ?? rating.score, count: r.count })];
  };
