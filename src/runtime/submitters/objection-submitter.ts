import { z } from 'zod';
import { raiseObjection } from '../../civic/index.js';
import { isAppError } from '../../errors.js';
import { fill, type BotTexts } from '../bot-texts.js';
import { caseIdSlot } from './answer-slots.js';
import type { Submitter } from './submitter.js';

/** what flows/objection.yaml submits: the project and the resident's reason */
const objectionSlots = z.object({ caseId: caseIdSlot, reason: z.string().trim().min(1) });

/**
 * 公示异议 (civic raiseObjection: kept for staff to answer, the objector private). A refusal that
 * came about since the flow started (the 公示 ended while the resident typed) is said in its words.
 */
export const objectionSubmitter =
  (texts: BotTexts): Submitter =>
  async (e, { turn, deps }) => {
    const a = objectionSlots.parse(e.slots);
    try {
      await raiseObjection(deps.db, { caseId: a.caseId, openid: turn.openid, reason: a.reason }, { now: turn.now });
    } catch (err) {
      if (isAppError(err) && err.code === 'bad_request') return { receipt: err.message };
      throw err;
    }
    return { receipt: fill(texts.objectionThanks, { number: a.caseId }) };
  };
