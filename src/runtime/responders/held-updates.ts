import { isAsk, askUntil } from '../../civic/kinds/asks.js';
import { menuLink } from '../../engine/menu-link.js';
import { heldPushesClear } from '../../state/held-pushes.js';
import { fill } from '../bot-texts.js';
import { typedText } from '../message-input.js';
import { TurnFollowUps } from '../turn-follow-ups.js';
import type { BotContext, Responder } from './responder.js';

/** the name under which the turn reads the held-pushes flag with its lock (TurnDeps.reads) */
export const HELD_PUSHES = 'heldPushes';

/**
 * News of followed cases whose pushes were left for later (您关注的 2 件事有新进展…), said before
 * whatever answers a typed message outside any flow; it answers nothing itself. The database is
 * asked only when the push worker raised the flag (state/held-pushes.ts). News that asks the
 * resident something (问题解决了吗) opens that follow-up, as a delivered push would.
 */
export const heldUpdates =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const mark = turn.read(HELD_PUSHES);
    if (!typedText(msg) || !c.takeHeld || mark === null) return undefined;
    const held = await c.takeHeld(turn.openid);
    turn.write(heldPushesClear(turn.openid, mark));
    if (!held.length) return undefined;
    const lines = held.flatMap((h) => [
      fill(c.texts.heldUpdateLine, { number: h.number, title: h.title, status: h.status }),
      ...(h.fullNote ? [fill(c.texts.heldNoteLine, { note: h.fullNote })] : []),
    ]);
    let first: (typeof held)[number] | undefined;
    for (const h of held) {
      const until = h.asks && isAsk(h.asks) ? askUntil(h.asks, new Date(h.at)) : undefined;
      if (!h.asks || !until || until <= turn.now) continue;
      TurnFollowUps.for(turn).add({ ask: h.asks, caseId: h.caseId, until: until.toISOString() });
      first = h;
    }
    // the follow-up added last is the one the next message answers: when it is 问题解决了吗, its
    // answers are taps (1 已解决 / 2 没解决, sending 1 and 2)
    const ask =
      first?.asks === 'feedback'
        ? [fill(c.texts.heldAskFeedback, { number: first.number }), menuLink('1', 1, c.texts.feedbackYes), menuLink('2', 2, c.texts.feedbackNo)]
        : [];
    turn.say([fill(c.texts.heldUpdates, { count: held.length }), ...lines, ...ask].join('\n'));
    return undefined;
  };
