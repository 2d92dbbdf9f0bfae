import type { EventOf } from '../../engine/events/index.js';
import type { EventHandler } from './handler.js';

/**
 * `flow_ended`: the session's status says how, and the driver stores it (a session that is not
 * waiting is deleted). `declined`: the message that started the flow is not for it; nothing of the
 * flow takes effect and the message goes on to the next responder.
 */
export const flowEnded: EventHandler<EventOf<'flow_ended'>> = async (e) => (e.reason === 'declined' ? { decline: true } : undefined);
