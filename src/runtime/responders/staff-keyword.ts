import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/** Staff-defined keyword replies (回复“电费”…: a text or a news article), the resident's community's first. */
export const staffKeyword =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const raw = typedText(msg)?.raw;
    if (raw === undefined) return undefined;
    const reply = await c.keywordReplies.match(raw, await turn.community());
    if (!reply) return undefined;
    return [reply.type === 'text' ? reply.content : reply];
  };
