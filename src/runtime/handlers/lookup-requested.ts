import type { EventOf } from '../../engine/events/index.js';
import type { EventHandler } from './handler.js';

/**
 * `lookup_requested`: answered at once by the provider of that name (runtime/lookups); the flow
 * driver resumes the flow with the answer. A name with no provider (the load check makes it rare:
 * a flow changed under a waiting session) is answered with nothing.
 */
export const lookupRequested: EventHandler<EventOf<'lookup_requested'>> = async (e, { turn, deps }) => {
  const provider = deps.lookups[e.name];
  if (!provider) {
    deps.logger.warn({ name: e.name }, 'unknown lookup answered with nothing');
    return { lookup: { name: e.name, data: [] } };
  }
  return { lookup: { name: e.name, data: await provider(e.args, { db: deps.db, openid: turn.openid, now: turn.now }) } };
};
