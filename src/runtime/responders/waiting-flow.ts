import { otherInput, typedText } from '../message-input.js';
import { receivePhoto } from './receive-photo.js';
import type { BotContext, Responder } from './responder.js';

/**
 * The waiting flow takes the message as the answer to its question. A photo where the flow asks for
 * something else is kept (filed with the flow a photo starts) and the question asked again.
 */
export const waitingFlow =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    const live = await c.driver.waiting(turn);
    if (!live) return undefined;
    if (msg.type === 'image') {
      const stored = await receivePhoto(c, turn, msg.mediaId);
      if (c.flows.get(live.flowId)?.nodes[live.nodeId]?.type === 'image') {
        return (await c.driver.resume(live, { type: 'image', mediaId: msg.mediaId, ...(msg.picUrl ? { picUrl: msg.picUrl } : {}) }, turn)).texts;
      }
      if (stored) await c.photos.add(turn.openid, stored);
      return [c.texts.photoOutsideFlow, ...(await c.driver.resume(live, { type: 'reprompt' }, turn)).texts];
    }
    const typed = typedText(msg);
    const input = typed ? { type: 'text' as const, text: typed.raw } : otherInput(msg);
    return input ? (await c.driver.resume(live, input, turn)).texts : undefined;
  };
