import { bindCommunity, communityFromScene, findCommunity, setFollowing } from '../../civic/index.js';
import { heldPushesWrite } from '../../state/held-pushes.js';
import { fill } from '../bot-texts.js';
import type { BotContext, Responder } from './responder.js';

/**
 * Events about the account rather than the conversation: 关注 (welcome, and a community QR code
 * binds its community), 扫码, 取消关注, how a template push ended, and the events the bot has
 * nothing to say to (view, the periodic location report, the photo-menu notices whose photos follow
 * as messages, and the location picker's, whose place follows as a location message). A menu click is
 * the resident speaking: not here.
 */
export const accountEvent =
  (c: BotContext): Responder =>
  async (msg, turn) => {
    switch (msg.type) {
      case 'subscribe':
      case 'scan': {
        if (msg.type === 'subscribe') await setFollowing(c.db, turn.openid, true, turn.now);
        const communityId = communityFromScene(msg.scene);
        const community = communityId ? await findCommunity(c.db, communityId) : undefined;
        if (community) {
          await bindCommunity(c.db, turn.openid, community.id, turn.now);
          return [fill(msg.type === 'subscribe' ? c.texts.welcomeCommunity : c.texts.communityBound, { community: community.name })];
        }
        return msg.type === 'subscribe' ? [c.texts.welcome] : [];
      }
      case 'unsubscribe':
        await setFollowing(c.db, turn.openid, false, turn.now);
        return [];
      case 'template_finish': {
        // a failed template is held for the resident's next message: raise the flag that looks for it
        if ((await c.onTemplateResult?.(msg.templateMsgId, msg.status)) === 'held') turn.write(heldPushesWrite(turn.openid, `job@${turn.now.getTime()}`));
        return [];
      }
      case 'view':
      case 'report_location':
      // 位置报修: the place picked arrives next as a location message, which is answered
      case 'location_select':
      case 'pic':
      case 'scancode':
      case 'unknown':
        return [];
      default:
        return undefined;
    }
  };
