import { parseCommand } from '../../intent/commands.js';
import { handoffText } from '../duty-text.js';
import { serviceRatingAsk } from '../../state/service-rating.js';
import { endTicket } from '../handoff.js';
import { rateServiceText } from '../rate-service-text.js';
import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/**
 * A person owns the conversation (an open ticket), but never traps the resident: the console's
 * inbox is told of every message, and
 * - 结束人工, or 取消 with no flow of the bot's to cancel, ends the human service;
 * - a repeated 人工 while still queued is reassured;
 * - what the responders in `whileOwned` answer is theirs (lookups such as 查询 N, 我的, 公示; menu
 *   taps; a flow the resident starts and its answers; the answer to what a push asked);
 * - anything else goes to the person: the bot stays silent.
 */
export const humanOwned =
  (c: BotContext, whileOwned: readonly Responder[]): Responder =>
  async (msg, turn) => {
    const ticket = turn.ticket;
    if (!ticket) return undefined;
    await c.inbox?.({ type: 'message', ticketId: ticket.id, communityId: ticket.communityId, status: ticket.status });
    const typed = typedText(msg);
    const cmd = typed ? parseCommand(typed.raw) : null;
    if (cmd?.type === 'handoff') return ticket.status === 'queued' ? [handoffText(c.texts, c.duty, turn.now, true)] : [];
    if (cmd?.type === 'end_handoff' || (cmd?.type === 'cancel' && !(await c.driver.waiting(turn)))) {
      if (await endTicket(c.db, c.inbox, ticket, turn.now)) turn.write(serviceRatingAsk(turn.openid, ticket.id));
      turn.residentChanged();
      return [c.texts.handoffEnded, rateServiceText(c.texts)];
    }
    for (const respond of whileOwned) {
      const reply = await respond(msg, turn);
      if (reply) return reply;
    }
    return [];
  };
