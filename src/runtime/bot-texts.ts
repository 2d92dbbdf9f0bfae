import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { flowsDir } from '../texts/text-spec.js';

export { fill, flowsDir } from '../texts/text-spec.js';

const names = [
  'help', 'busy', 'welcome', 'welcomeCommunity', 'rateLimited', 'mediaUnsupported',
  'caseHeader', 'caseStatus', 'caseCommunity', 'caseDue', 'caseReason', 'caseMergedInto', 'caseBudget', 'caseProgress',
  'caseRating', 'caseTimelineTitle', 'caseTimelineLine', 'caseLink', 'caseNotFound', 'caseFollowHint', 'caseFollowing',
  'lookupUsage', 'mineHeader', 'mineLine', 'mineFooter', 'mineEmpty',
  'subscribed', 'alreadyAuthor', 'unsubscribed', 'notSubscribed', 'subscribedCommunity', 'unsubscribedCommunity',
  'needCommunity', 'communityBound',
  'publicityHeader', 'publicityLine', 'publicityEmpty', 'publicityFooter', 'statsText',
  'handoffQueued', 'handoffAlready', 'heldUpdates', 'heldUpdateLine', 'cancelNothing', 'flowUnavailable',
  'photoOutsideFlow', 'ratingThanks',
] as const;

/** every text must be present and non-empty: a missing one fails the start, not a resident's chat */
const schema = z.object(Object.fromEntries(names.map((n) => [n, z.string().min(1)])) as Record<(typeof names)[number], z.ZodString>);

export type BotTexts = z.infer<typeof schema>;

/** The runtime's own texts (help menu, busy notice …) from flows/bot.zh-CN.yaml. */
export function loadBotTexts(file = path.join(flowsDir, 'bot.zh-CN.yaml')): BotTexts {
  return schema.parse(parse(readFileSync(file, 'utf8')));
}
