import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/**
 * A flow's trigger keyword (报修, 我要提议 …; flows/*.yaml `triggers.keywords`) starts that flow,
 * even in the middle of another (mailroom: a keyword beats a waiting session), whose answers are kept
 * as a draft; unless the waiting flow says `ignoreTriggers`.
 */
export const keywordTrigger =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const typed = typedText(msg);
    const flow = typed ? c.triggers.keyword(typed.raw) : undefined;
    if (!typed || !flow) return undefined;
    const live = await c.driver.waiting(turn);
    if (live && c.flows.get(live.flowId)?.ignoreTriggers) return undefined;
    if (live) c.driver.setAside(live, turn);
    return (await c.driver.start(flow, { type: typed.via }, turn)).texts;
  };
