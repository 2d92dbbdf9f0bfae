import { confirmPhoneBinding, hasPendingCode, maskPhones, normaliseMobile, PHONE_CODE_TTL_MS, replySender, startPhoneBinding, type BindingOutcome } from '../../civic/index.js';
import { parseBindingInput, type BindingInput } from '../../intent/binding-words.js';
import { fill, type BotTexts } from '../bot-texts.js';
import { typedText } from '../message-input.js';
import type { Turn } from '../turn.js';
import type { BotContext, Responder } from './responder.js';

/**
 * 绑定手机号 (issue 15): 「绑定 13800138000」 asks for a one-time code, 「验证码 123456」 (or the six
 * digits alone while a code waits and no flow asks a question) confirms it; the cases staff filed
 * for that number then become the resident's (civic/phone-binding.ts). The code goes out through
 * c.phoneCodes (default: said in the bot's own reply, as the issue allows; this is NOT proof the
 * resident holds the phone: an SMS gateway as the sender would be).
 */
export const phoneBinding =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const typed = typedText(msg);
    const input = typed ? parseBindingInput(typed.raw) : null;
    if (!input) return undefined;
    // six digits answer a flow's question first (a cost, a count); only a waiting code takes them
    const live = await c.driver.waiting(turn);
    if (input.type === 'bare_code' && (live || !(await hasPendingCode(c.db, turn.openid, turn.now)))) return undefined;
    const answer = await answerOf(c, input, turn);
    // a digression in the middle of a flow: answered, then the pending question asked again
    return live ? [answer, ...(await c.driver.resume(live, { type: 'reprompt' }, turn)).texts] : [answer];
  };

async function answerOf(c: BotContext, input: BindingInput, turn: Turn): Promise<string> {
  const t = c.texts;
  switch (input.type) {
    case 'bind_usage':
      return t.bindUsage;
    case 'bind': {
      const phone = normaliseMobile(input.phone);
      if (!phone) return t.bindBadPhone;
      const { code } = await startPhoneBinding(c.db, { openid: turn.openid, phone, now: turn.now });
      const minutes = PHONE_CODE_TTL_MS / 60_000;
      const how = await (c.phoneCodes ?? replySender).send(phone, code);
      return how === 'sent' ? fill(t.bindCodeSent, { phone: maskPhones(phone), minutes }) : fill(t.bindCode, { phone: maskPhones(phone), code, minutes });
    }
    case 'code':
    case 'bare_code':
      return outcomeText(await confirmPhoneBinding(c.db, { openid: turn.openid, code: input.code, now: turn.now }), t);
  }
}

function outcomeText(r: BindingOutcome, t: BotTexts): string {
  switch (r.outcome) {
    case 'bound': {
      const done = fill(t.bindDone, { phone: maskPhones(r.phone) });
      return r.found > 0 ? `${done}\n${fill(t.bindFound, { count: r.found })}` : done;
    }
    case 'wrong':
      return fill(t.bindWrong, { left: r.attemptsLeft });
    case 'locked':
      return t.bindLocked;
    case 'expired':
      return t.bindExpired;
    case 'none':
      return t.bindNone;
  }
}
