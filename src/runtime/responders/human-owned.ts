import { parseCommand } from '../../intent/commands.js';
import type { BotContext, Responder } from './responder.js';

/**
 * A person owns the conversation (an open ticket): the bot stays silent and the console's inbox is
 * told of the message; only a repeated 人工 while still queued is reassured.
 */
export const humanOwned =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const ticket = turn.ticket;
    if (!ticket) return undefined;
    await c.inbox?.({ type: 'message', ticketId: ticket.id, communityId: ticket.communityId, status: ticket.status });
    const again = ticket.status === 'queued' && msg.type === 'text' && parseCommand(msg.content)?.type === 'handoff';
    return again ? [c.texts.handoffAlready] : [];
  };
