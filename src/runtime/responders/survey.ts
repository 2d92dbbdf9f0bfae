import { checkSurvey, pendingSurveys } from '../../civic/index.js';
import { isAppError } from '../../errors.js';
import { parseBareSurvey, parseSurvey, type SurveyCommand } from '../../intent/survey-command.js';
import { fill } from '../bot-texts.js';
import { FOLLOW_UP_PARAM } from '../flow-names.js';
import { typedText } from '../message-input.js';
import type { Turn } from '../turn.js';
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
    return startSurvey(c, cmd, turn);
  };

/**
 * 满意 / 不满意，理由 without a number, replying to the survey push: the one project that asked
 * them and waits for their answer; several, and the bot asks which (by number). Nothing asked
 * them: not an answer, the rest of the bot reads it (我很满意 to a person, say).
 */
export const bareSurveyAnswer =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const typed = typedText(msg);
    const bare = typed ? parseBareSurvey(typed.raw) : null;
    if (!bare) return undefined;
    const pending = await pendingSurveys(c.db, turn.openid);
    if (!pending.length) return undefined;
    if (pending.length > 1) return [fill(c.texts.surveyWhich, { numbers: pending.map((n) => `#${n}`).join('、'), number: pending[0]! })];
    return startSurvey(c, { caseId: pending[0]!, ...bare }, turn);
  };

/** starts flows/survey.yaml with the answer, a 不满意's reason answering its one question at once, or the flow asks for it */
async function startSurvey(c: BotContext, cmd: SurveyCommand, turn: Turn): Promise<string[]> {
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
}
