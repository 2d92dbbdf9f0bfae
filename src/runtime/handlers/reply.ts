import type { EventHandler } from './handler.js';
import type { EventOf } from '../../engine/events/index.js';

/** `reply`: the flow's words for this sprint, said in the turn's passive reply */
export const reply: EventHandler<EventOf<'reply'>> = async (e) => ({ say: e.text });
