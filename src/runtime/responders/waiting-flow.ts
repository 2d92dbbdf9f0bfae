import { photoQuestion } from '../flow-driver.js';
import { otherInput, typedText } from '../message-input.js';
import { receivePhoto } from './receive-photo.js';
import { voiceKept } from '../receive-voice.js';
import type { BotContext, Responder } from './responder.js';

/**
 * The waiting flow takes the message as the answer to its question. A photo goes to a flow that
 * asks for photos, whichever question it is at (the engine keeps it for the photo answer, or says
 * the photos are full); in a flow that takes none it is kept for the resident's next report and
 * the question asked again.
 */
export const waitingFlow =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const live = await c.driver.waiting(turn);
    if (!live) return undefined;
    if (msg.type === 'image') {
      const stored = await receivePhoto(c, turn, msg.mediaId);
      const flow = c.flows.get(live.flowId);
      if (flow && photoQuestion(flow)) {
        // a photo that could not be downloaded is not taken (it would not be filed): the resident is told
        if (!stored) return [c.texts.photoFailed, ...(await c.driver.resume(live, { type: 'reprompt' }, turn)).texts];
        return (await c.driver.resume(live, { type: 'image', mediaId: msg.mediaId, ...(msg.picUrl ? { picUrl: msg.picUrl } : {}) }, turn)).texts;
      }
      if (stored) await c.photos.add(turn.openid, { ...stored, mediaId: msg.mediaId, ...(msg.picUrl ? { picUrl: msg.picUrl } : {}) });
      return [c.texts.photoOutsideFlow, ...(await c.driver.resume(live, { type: 'reprompt' }, turn)).texts];
    }
    // a voice answers as a voice (its words read back at a free-text question), never as typed text
    const typed = msg.type === 'voice' ? undefined : typedText(msg);
    // a voice that could be neither kept nor heard is not taken as an answer: the resident is asked to type
    const input = typed ? { type: 'text' as const, text: typed.raw } : msg.type === 'voice' && !voiceKept(turn) ? { type: 'other' as const, kind: 'voice' } : otherInput(msg);
    return input ? (await c.driver.resume(live, input, turn)).texts : undefined;
  };
