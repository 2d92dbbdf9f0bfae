import { CASE_KINDS, type CaseKind } from '../../civic/kinds/names.js';
import type { BotTexts } from '../bot-texts.js';
import { caseSubmitter } from './case-submitter.js';
import { objectionSubmitter } from './objection-submitter.js';
import { photosSubmitter } from './photos-submitter.js';
import { scoreSubmitter } from './score-submitter.js';
import { surveySubmitter } from './survey-submitter.js';
import type { Submitter } from './submitter.js';
import { verdictSubmitter } from './verdict-submitter.js';

export type { Submitter } from './submitter.js';

/**
 * The answers a follow-up flow may submit, by the shape of the answer rather than the question, so
 * a new question (a kind's status that asks something) needs a flow, not code: a verdict (solved or
 * not, with the resident's words: 问题解决了吗, 收到了吗), a score (1–5: 评议), or photos (补充到 #N？:
 * the photos kept since filing, added to the case or kept for the next report), or an objection
 * (公示异议: 异议 N and its reason), or a survey answer (满意度调查: 满意 N, 不满意 N and its reason).
 */
export const ANSWER_KINDS = ['verdict', 'score', 'photos', 'objection', 'survey'] as const;

/**
 * What a flow may submit, by kind: every case kind (civic/kinds/names.ts: a case is filed) and
 * every kind of answer. The flows are checked against these names at boot and by flows:check.
 */
export function submitters(texts: BotTexts, caseKinds: readonly CaseKind[] = CASE_KINDS): Record<string, Submitter> {
  const answers: Record<(typeof ANSWER_KINDS)[number], Submitter> = { verdict: verdictSubmitter, score: scoreSubmitter(texts), photos: photosSubmitter, objection: objectionSubmitter(texts), survey: surveySubmitter(texts) };
  return { ...Object.fromEntries(caseKinds.map((k) => [k, caseSubmitter(k)])), ...answers };
}
