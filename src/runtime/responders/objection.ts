import { loadCase, OBJECTION_MAX_CHARS, objectionWindow } from '../../civic/index.js';
import { isAppError } from '../../errors.js';
import { parseObjection } from '../../intent/objection-command.js';
import { formatDate } from '../../texts/format.js';
import { fill } from '../bot-texts.js';
import { FOLLOW_UP_PARAM } from '../flow-names.js';
import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/** the follow-up the objection flow answers (flows/objection.yaml triggers.followUp) */
export const OBJECTION_ASK = 'objection';

/**
 * 异议 N (+ reason): a project in 公示 starts flows/objection.yaml, the reason answering its one
 * question at once, or the flow asks for it. A case that takes no objection now is answered kindly
 * with why and when (not a project, 公示 not begun, 公示 ended on …), and nothing starts.
 */
export const objectionCommand =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const typed = typedText(msg);
    const cmd = typed ? parseObjection(typed.raw) : null;
    if (!cmd) return undefined;
    let row;
    try {
      row = await loadCase(c.db, cmd.caseId);
    } catch (e) {
      if (isAppError(e) && e.code === 'not_found') return [fill(c.texts.caseNotFound, { number: cmd.caseId })];
      throw e;
    }
    const w = objectionWindow(row, turn.now);
    if (w.state === 'not_project') return [fill(c.texts.objectionNotProject, { number: row.id })];
    if (w.state === 'before') return [fill(c.texts.objectionBefore, { number: row.id })];
    if (w.state === 'ended') return [fill(c.texts.objectionEnded, { number: row.id, end: formatDate(w.end, turn.now) })];
    const flow = c.triggers.followUp(OBJECTION_ASK);
    if (!flow) return [c.texts.flowUnavailable];
    // an objection in the middle of a report: that report waits as a draft, as for a keyword
    const live = await c.driver.waiting(turn);
    if (live) c.driver.setAside(live, turn);
    const params = { [FOLLOW_UP_PARAM]: row.id };
    if (cmd.reason) {
      const ran = await c.driver.start(flow, { type: 'push', params, input: { type: 'text', text: cmd.reason } }, turn);
      if (!ran.declined) return ran.texts;
      // a reason the question cannot take (too long): the resident is told why, and asked for it again
      const asked = (await c.driver.start(flow, { type: 'push', params }, turn)).texts;
      return [fill(c.texts.objectionTooLong, { count: [...cmd.reason].length, max: OBJECTION_MAX_CHARS }), ...asked];
    }
    return (await c.driver.start(flow, { type: 'push', params }, turn)).texts;
  };
