import type { Ask } from '../../civic/kinds/kind.js';
import { CASE_KINDS, type CaseKind } from '../../civic/kinds/names.js';
import type { BotTexts } from '../bot-texts.js';
import { caseSubmitter } from './case-submitter.js';
import { feedbackSubmitter } from './feedback-submitter.js';
import { ratingSubmitter } from './rating-submitter.js';
import type { Submitter } from './submitter.js';

export type { Submitter } from './submitter.js';

/** the answer to each thing a push may ask (a case kind's status attribute `asks`) */
const answers = (texts: BotTexts): Record<Ask, Submitter> => ({ feedback: feedbackSubmitter(texts), rating: ratingSubmitter(texts) });

/**
 * What a flow may submit, by kind: every case kind (civic/kinds/names.ts: a case is filed) and the
 * answer to every question a push may ask. The flows are checked against these names at boot and
 * by flows:check.
 */
export function submitters(texts: BotTexts, caseKinds: readonly CaseKind[] = CASE_KINDS): Record<string, Submitter> {
  return { ...Object.fromEntries(caseKinds.map((k) => [k, caseSubmitter(k)])), ...answers(texts) };
}
