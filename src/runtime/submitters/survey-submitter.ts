import { z } from 'zod';
import { answerSurvey, SURVEY_ANSWERS, type SurveyAnswer } from '../../civic/index.js';
import { isAppError } from '../../errors.js';
import { fill, type BotTexts } from '../bot-texts.js';
import { caseIdSlot } from './answer-slots.js';
import type { Submitter } from './submitter.js';

/** what flows/survey.yaml submits: the project, the answer, and for 不满意 the reason */
const surveySlots = z.object({ caseId: caseIdSlot, answer: z.enum(SURVEY_ANSWERS), reason: z.string().trim().min(1).optional() });

const words = (texts: BotTexts, a: SurveyAnswer): string =>
  ({ satisfied: texts.surveySatisfied, fair: texts.surveyFair, dissatisfied: texts.surveyDissatisfied })[a];

/**
 * 满意度调查 (civic answerSurvey: one answer per resident and project, a second one changes it). A
 * refusal that came about since the flow started is said in its words.
 */
export const surveySubmitter =
  (texts: BotTexts): Submitter =>
  async (e, { turn, deps }) => {
    const a = surveySlots.parse(e.slots);
    let previous: SurveyAnswer | null;
    try {
      ({ previous } = await answerSurvey(deps.db, { caseId: a.caseId, openid: turn.openid, answer: a.answer, reason: a.reason }, { now: turn.now }));
    } catch (err) {
      if (isAppError(err) && (err.code === 'bad_request' || err.code === 'forbidden' || err.code === 'not_found')) return { receipt: err.message };
      throw err;
    }
    const vars = { number: a.caseId, answer: words(texts, a.answer) };
    return { receipt: fill(previous ? texts.surveyChanged : texts.surveyThanks, vars) };
  };
