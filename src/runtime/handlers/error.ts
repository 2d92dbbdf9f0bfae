import type { EventOf } from '../../engine/events/index.js';
import type { EventHandler } from './handler.js';

/** `error`: a problem the engine worked around (a stale lookup, an unusable prefill), for the logs */
export const error: EventHandler<EventOf<'error'>> = async (e, { turn, session, deps }) => {
  deps.logger.warn({ openid: turn.openid, flow: session.flowId, node: session.nodeId }, `engine: ${e.message}`);
  return undefined;
};
