import { typedText } from '../message-input.js';
import { FOLLOW_UP_PARAM } from '../flow-names.js';
import { TurnFollowUps } from '../turn-follow-ups.js';
import type { BotContext, Responder } from './responder.js';

/**
 * The answer to what a push that reached the resident asked (问题解决了吗, 评议): the flow that takes
 * it (flows/*.yaml `triggers.followUp`) starts at its question with the message as the answer, the
 * latest question first. A flow that does not recognise the message as its answer lets it go: the
 * question stays open until it expires, and the next responder reads the message (路灯又坏了 after
 * 问题解决了吗 starts a report).
 */
export const followUp =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const raw = typedText(msg)?.raw;
    if (raw === undefined) return undefined;
    const followUps = TurnFollowUps.for(turn);
    for (const f of followUps.pending()) {
      const flow = c.triggers.followUp(f.ask);
      if (!flow) continue;
      const ran = await c.driver.start(flow, { type: 'push', params: { [FOLLOW_UP_PARAM]: f.caseId }, input: { type: 'text', text: raw } }, turn);
      if (ran.declined) continue;
      followUps.answered(f);
      return ran.texts;
    }
    return undefined;
  };
