import { checkSurvey } from '../../civic/index.js';
import { isAppError } from '../../errors.js';
import { parseSurvey } from '../../intent/survey-command.js';
import { fill } from '../bot-texts.js';
import { FOLLOW_UP_PARAM } from '../flow-names.js';
import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/** the follow-up the survey flow answers (flows/survey.yaml triggers.followUp) */
export const SURVEY_ASK = 'survey';

/** the most a reason keeps (flows/survey.yaml maxLength, civic surveyAnswerSchema) */
const SURVEY_REASON_MAX_CHARS = 500;

/**
 * 满意 N / 基本满意 N / 不满意 N 理由 (满意度调查): starts flows/survey.yaml, a 不满意's reason in the
 * message answering its one question at once, or the flow asks for it. A case not asking the
 * resident now (not completed, not theirs, no such case) is answered in words, and nothing starts.
 */
export const surveyCommand =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const typed = typedText(msg);
    const cmd = typed ? parseSurvey(typed.raw) : null;
    if (!cmd) return undefined;
    try {
      await checkSurvey(c.db, cmd.caseId, turn.openid);
    } catch (e) {
      if (isAppError(e) && e.code === 'not_found') return [fill(c.texts.caseNotFound, { number: cmd.caseId })];
      if (isAppError(e) && (e.code === 'bad_request' || e.code === 'forbidden')) return [e.message];
      throw e;
    }
    const flow = c.triggers.followUp(SURVEY_ASK);
    if (!flow) return [c.texts.flowUnavailable];
    // an answer in the middle of a report: that report waits as a draft, as for a keyword
    const live = await c.driver.waiting(turn);
    if (live) c.driver.setAside(live, turn);
    const params = { [FOLLOW_UP_PARAM]: cmd.caseId, answer: cmd.answer };
    const input = cmd.answer === 'dissatisfied' && cmd.words ? { input: { type: 'text' as const, text: cmd.words } } : {};
    const ran = await c.driver.start(flow, { type: 'push', params, ...input }, turn);
    if (!ran.declined) return ran.texts;
    // a reason the question cannot take (too long): the resident is told why, and asked for it again
    const asked = (await c.driver.start(flow, { type: 'push', params }, turn)).texts;
    return [fill(c.texts.objectionTooLong, { count: [...(cmd.words ?? '')].length, max: SURVEY_REASON_MAX_CHARS }), ...asked];
  };
