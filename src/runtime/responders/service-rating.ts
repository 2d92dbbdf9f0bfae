import { serviceRatingClear } from '../../state/service-rating.js';
import { rateTicket } from '../handoff.js';
import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/** the name under which the turn reads the ticket waiting for a rating with its lock (TurnDeps.reads) */
export const SERVICE_RATING = 'serviceRating';

/**
 * The human service just ended and the resident was asked to rate it: their next typed message, if
 * it is a rating (1 满意, 2 基本满意, 3 不满意; config/handoff.yaml), is recorded on the ticket and
 * thanked. The question is for that message only: anything else clears it and goes on to the next
 * responder.
 */
export const serviceRating =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const ticketId = turn.read(SERVICE_RATING);
    const typed = typedText(msg);
    if (ticketId === null || !typed) return undefined;
    turn.write(serviceRatingClear(turn.openid, ticketId));
    const rating = c.readServiceRating(typed.raw);
    if (!rating || !/^\d+$/.test(ticketId)) return undefined;
    await rateTicket(c.db, Number(ticketId), turn.openid, rating, turn.now);
    return [c.texts.rateServiceThanks];
  };
