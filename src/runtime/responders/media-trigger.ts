import { menuLink } from '../../engine/menu-link.js';
import { fill } from '../bot-texts.js';
import { photoQuestion } from '../flow-driver.js';
import { JUST_FILED, JUST_FILED_MS, readJustFiled } from '../just-filed.js';
import { sharedLocation } from '../message-input.js';
import { photoRef } from '../photo-inbox.js';
import { TurnFollowUps } from '../turn-follow-ups.js';
import { receivePhoto } from './receive-photo.js';
import type { BotContext, Responder } from './responder.js';

/**
 * A location or a photo sent outside any flow starts the flow that claims it (flows/*.yaml
 * `triggers.location`, `triggers.image`): a report at that spot, or with that photo as its photo
 * answer (counted on its summary, the photo question not asked again). With no flow claiming it,
 * help answers. (The menu's 位置报修 and 拍照报修 events say nothing: the place or the photos they
 * pick arrive next as messages, and those are answered here.) A photo sent soon after the resident
 * filed a case may belong to it: it is kept and the bot asks 补充到 #N？ (1 / 2, tappable), which the
 * add_photo flow takes as a follow-up.
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
    const filed = readJustFiled(turn.read(JUST_FILED));
    if (filed && stored) {
      await c.photos.add(turn.openid, { ...stored, mediaId: msg.mediaId, ...(msg.picUrl ? { picUrl: msg.picUrl } : {}) });
      TurnFollowUps.for(turn).add({ ask: 'add_photo', caseId: filed, until: new Date(turn.now.getTime() + JUST_FILED_MS).toISOString() });
      const t = c.texts;
      const choices = [menuLink('1', 1, `1 ${fill(t.photoAddYes, { number: filed })}`), menuLink('2', 2, `2 ${t.photoAddNo}`)].join('\n');
      return [fill(t.photoAfterSubmit, { number: filed, choices })];
    }
    const flow = c.triggers.image;
    const question = flow ? photoQuestion(flow) : undefined;
    if (!flow || !question) return undefined;
    // a photo that could not be downloaded is not counted: the photo question is asked as usual
    const slots = stored ? { [question.slot]: [photoRef(msg)] } : {};
    return [...(stored ? [c.texts.photoOutsideFlow] : []), ...(await c.driver.start(flow, { type: 'menu', slots }, turn)).texts];
  };
