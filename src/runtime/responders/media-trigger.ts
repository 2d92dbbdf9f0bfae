import { photoQuestion } from '../flow-driver.js';
import { sharedLocation } from '../message-input.js';
import { photoRef } from '../photo-inbox.js';
import { receivePhoto } from './receive-photo.js';
import type { BotContext, Responder } from './responder.js';

/**
 * A location or a photo sent outside any flow starts the flow that claims it (flows/*.yaml
 * `triggers.location`, `triggers.image`): a report at that spot, or with that photo as its photo
 * answer (counted on its summary, the photo question not asked again). With no flow claiming it,
 * help answers. (The menu's 位置报修 and 拍照报修 events say nothing: the place or the photos they
 * pick arrive next as messages, and those are answered here.)
 */
export const mediaTrigger =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    if (msg.type === 'location') {
      const flow = c.triggers.location;
      const slot = flow?.triggers.location;
      if (!flow || !slot) return undefined;
      return (await c.driver.start(flow, { type: 'menu', slots: { [slot]: sharedLocation(msg) } }, turn)).texts;
    }
    if (msg.type !== 'image') return undefined;
    const stored = await receivePhoto(c, turn, msg.mediaId);
    const flow = c.triggers.image;
    const question = flow ? photoQuestion(flow) : undefined;
    if (!flow || !question) return undefined;
    // a photo that could not be downloaded is not counted: the photo question is asked as usual
    const slots = stored ? { [question.slot]: [photoRef(msg)] } : {};
    return [...(stored ? [c.texts.photoOutsideFlow] : []), ...(await c.driver.start(flow, { type: 'menu', slots }, turn)).texts];
  };
