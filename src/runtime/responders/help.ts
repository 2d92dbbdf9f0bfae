import { typedText } from '../message-input.js';
import type { BotContext, Responder } from './responder.js';

/** The last responder: what the bot can do (typed text nobody took), or what it can read (other messages). */
export const help =
  (c: BotContext): Responder =>
  async (msg) =>
    typedText(msg) ? [c.texts.help] : [c.texts.mediaUnsupported];
