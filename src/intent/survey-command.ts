import type { SurveyAnswer } from '../civic/survey.js';
import { MAX_CASE_ID } from './case-ref.js';

/** 满意 12 / 基本满意 12 / 不满意 12 理由: the answer, the case and, when given, the words after it */
export interface SurveyCommand {
  caseId: number;
  answer: SurveyAnswer;
  words?: string;
}

const ANSWERS: Record<string, SurveyAnswer> = { 满意: 'satisfied', 很满意: 'satisfied', 非常满意: 'satisfied', 基本满意: 'fair', 一般: 'fair', 不满意: 'dissatisfied', 不太满意: 'dissatisfied' };
/** the answer words, longest first: 不满意 is never read as 满意 (both patterns below open with them) */
const WORDS = Object.keys(ANSWERS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/**
 * The answer to the 满意度调查 push: the word must open the message and a case number follow it, so
 * a sentence that only says 满意 is not one (我很满意 alone is left to the rest of the bot). Longer
 * words are tried first: 不满意 is never read as 满意.
 */
const SURVEY_RE = new RegExp(`^\\s*(?<word>${WORDS})[\\s:：,，]*(?:[#＃]|第|编号)?\\s*(?<digits>[0-9０-９]+)\\s*号?(?<rest>.*)$`, 'su');

export function parseSurvey(text: string): SurveyCommand | null {
  const m = SURVEY_RE.exec(text);
  if (!m?.groups) return null;
  const caseId = Number(m.groups.digits!.normalize('NFKC'));
  if (!Number.isSafeInteger(caseId) || caseId < 1 || caseId > MAX_CASE_ID) return null;
  const answer = ANSWERS[m.groups.word!]!;
  const words = m.groups.rest!.replace(/^[\s:：,，。、;；-]+/u, '').trim();
  return words ? { caseId, answer, words } : { caseId, answer };
}

/** a bare answer to the push, without the number: 满意 / 不满意，东头还没装 */
export interface BareSurveyAnswer {
  answer: SurveyAnswer;
  words?: string;
}

const BARE_RE = new RegExp(`^\\s*(?<word>${WORDS})(?:[\\s:：,，。!！]+(?<rest>.*))?$`, 'su');

/**
 * 满意 alone, or 不满意 and the reason after a comma or a space: what a resident replies to the
 * survey push without its number. Only the word opening the message and standing alone counts
 * (满意度怎么填 is not an answer); whether some survey asked them is the responder's to check.
 */
export function parseBareSurvey(text: string): BareSurveyAnswer | null {
  const m = BARE_RE.exec(text);
  if (!m?.groups) return null;
  const answer = ANSWERS[m.groups.word!]!;
  const words = (m.groups.rest ?? '').replace(/^[\s:：,，。、;；-]+/u, '').trim();
  return words ? { answer, words } : { answer };
}
