import { followCase } from '../../civic/follow.js';
import type { EventOf } from '../../engine/events/index.js';
import type { EventHandler } from './handler.js';

/** `follow_requested`: the resident follows the case (a supporter: 我也遇到), instead of filing it again */
export const followRequested: EventHandler<EventOf<'follow_requested'>> = async (e, { turn, deps }) => {
  await followCase(deps.db, Number(e.caseRef), turn.openid, 'supporter', turn.now);
  return undefined;
};
