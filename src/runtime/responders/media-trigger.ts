import { sharedLocation } from '../message-input.js';
import { receivePhoto } from './receive-photo.js';
import type { BotContext, Responder } from './responder.js';

/**
 * A location or a photo sent outside any flow starts the flow that claims it (flows/*.yaml
 * `triggers.location`, `triggers.image`: a report at that spot, with that photo). The photo is kept
 * for that flow to file; with no flow claiming it, help answers.
 */
export const mediaTrigger =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    if (msg.type === 'location' || msg.type === 'location_select') {
      const flow = c.triggers.location;
      const slot = flow?.triggers.location;
      if (!flow || !slot) return undefined;
      return (await c.driver.start(flow, { type: 'menu', slots: { [slot]: sharedLocation(msg) } }, turn)).texts;
    }
    if (msg.type !== 'image') return undefined;
    const stored = await receivePhoto(c, turn, msg.mediaId);
    if (stored) await c.photos.add(turn.openid, stored);
    const flow = c.triggers.image;
    if (!flow) return undefined;
    return [c.texts.photoOutsideFlow, ...(await c.driver.start(flow, { type: 'menu' }, turn)).texts];
  };
