import { keys } from '../../state/keys.js';
import { typedText } from '../message-input.js';
import { voiceKept } from '../receive-voice.js';
import type { BotContext, Responder } from './responder.js';

/** after the whole help, a miss within this time gets the short one */
export const HELP_SHOWN_MS = 30 * 60_000;
/** the name the turn reads it by, with the resident's lock (TurnDeps.reads) */
export const HELP_SHOWN = 'helpShown';
export const helpShownKey = (openid: string) => keys.draft(openid, 'help-shown');

/**
 * The last responder: what the bot can do (typed text nobody took), or what it can read (other
 * messages). The whole help (seven lines) is said once in a while; a resident not understood again
 * soon after gets one short line that names the main words and 帮助 for the rest.
 */
export const help =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    if (!typedText(msg)) return [msg.type === 'voice' && voiceKept(turn) ? c.texts.voiceOutsideFlow : c.texts.mediaUnsupported];
    if (turn.read(HELP_SHOWN)) return [c.texts.helpShort];
    turn.write({ op: 'set', key: helpShownKey(turn.openid), value: '1', ttlMs: HELP_SHOWN_MS });
    return [c.texts.help];
  };
