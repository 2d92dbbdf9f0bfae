import { bindCommunity, communityFromScene, findCommunity, setFollowing } from '../../civic/index.js';
import { heldPushesWrite } from '../../state/held-pushes.js';
import { fill } from '../bot-texts.js';
import { sceneStart } from '../scene-start.js';
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
        const started = await startFromScene(c, msg.scene, msg.type === 'subscribe', turn);
        if (started) return started;
        const communityId = communityFromScene(msg.scene);
        const community = communityId ? await findCommunity(c.db, communityId) : undefined;
        if (community) {
          await bindCommunity(c.db, turn.openid, community.id, turn.now);
          turn.residentChanged();
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

/**
 * A QR code that starts a flow (scene-start.ts: a poster on a lamp post): its community bound, the
 * flow started with the community and the topic as answers, so the first thing the resident reads
 * after the welcome is the question to answer next. A waiting flow makes way (kept as a draft).
 */
async function startFromScene(c: BotContext, scene: string | undefined, follow: boolean, turn: Parameters<Responder>[1]) {
  const start = sceneStart(scene);
  const flow = start ? c.flows.get(start.flowId) : undefined;
  if (!start || !flow || flow.triggers.followUp) return undefined;
  const community = await findCommunity(c.db, start.communityId);
  if (!community) return undefined;
  await bindCommunity(c.db, turn.openid, community.id, turn.now);
  turn.residentChanged();
  const live = await c.driver.waiting(turn);
  if (live) c.driver.setAside(live, turn);
  const asksCommunity = Object.values(flow.nodes).some((n) => n.type === 'community');
  const slots = { ...(asksCommunity ? { community: community.id } : {}), ...(start.topic ? { [c.intents.topics.slot]: start.topic } : {}) };
  const ran = await c.driver.start(flow, { type: 'scan', slots }, turn);
  return [fill(follow ? c.texts.welcomeScene : c.texts.communityBound, { community: community.name }), ...ran.texts];
}
