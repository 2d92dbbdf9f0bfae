import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/**
 * News of followed cases whose pushes could not be delivered (您关注的 2 件事有新进展…), said before
 * whatever answers a typed message outside any flow. It answers nothing itself.
 */
export const heldUpdates =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    if (!typedText(msg) || !c.takeHeld) return undefined;
    const held = await c.takeHeld(turn.openid);
    if (held) turn.say(held);
    return undefined;
  };
