import type { InboundMessage } from '../wechat/inbound.js';
import { accountEvent } from './responders/account-event.js';
import { followUp } from './responders/follow-up.js';
import { freeTextIntent } from './responders/free-text-intent.js';
import { globalCommand } from './responders/global-command.js';
import { heldUpdates } from './responders/held-updates.js';
import { homeCommunity } from './responders/home-community.js';
import { help } from './responders/help.js';
import { humanOwned } from './responders/human-owned.js';
import { keywordTrigger } from './responders/keyword-trigger.js';
import { mediaTrigger } from './responders/media-trigger.js';
import { phoneBinding } from './responders/phone-binding.js';
import { objectionCommand } from './responders/objection.js';
import type { BotContext, Responder } from './responders/responder.js';
import { bareSurveyAnswer, surveyCommand } from './responders/survey.js';
import { serviceRating } from './responders/service-rating.js';
import { staffKeyword } from './responders/staff-keyword.js';
import { waitingFlow } from './responders/waiting-flow.js';
import type { Reply, Turn } from './turn.js';

/**
 * The responders in the mailroom order, each able to say "not mine": a person owns the
 * conversation → events about the account → global commands → 绑定手机号 → 异议 N → 满意 N → keyword triggers → the waiting flow
 * → a location or photo outside any flow → follow-ups (news of followed cases, answers to what a
 * push asked) → a bare 满意 answering the survey push → where the resident lives (我住在同乐) → staff keyword replies → free-text intent → help.
 */
export function responders(c: BotContext): Responder[] {
  return [
    humanOwned(c, [accountEvent(c), globalCommand(c), keywordTrigger(c), waitingFlow(c), heldUpdates(c), followUp(c)]),
    accountEvent(c),
    globalCommand(c),
    phoneBinding(c),
    objectionCommand(c),
    surveyCommand(c),
    keywordTrigger(c),
    waitingFlow(c),
    mediaTrigger(c),
    serviceRating(c),
    heldUpdates(c),
    followUp(c),
    bareSurveyAnswer(c),
    homeCommunity(c),
    staffKeyword(c),
    freeTextIntent(c),
    help(c),
  ];
}

/** The first answer of the responders in order; help answers everything, so there always is one. */
export async function dispatch(list: readonly Responder[], msg: InboundMessage, turn: Turn): Promise<Reply> {
  for (const respond of list) {
    const reply = await respond(msg, turn);
    if (reply) return reply;
  }
  return [];
}
