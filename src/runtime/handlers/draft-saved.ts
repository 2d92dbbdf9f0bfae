import type { EventOf } from '../../engine/events/index.js';
import type { EventHandler } from './handler.js';

/** `draft_saved`: the answers are kept (a week) with the turn's writes, offered when the flow starts again */
export const draftSaved: EventHandler<EventOf<'draft_saved'>> = async (e, { turn }) => {
  turn.session.saveDraft({ flowId: e.flowId, nodeId: e.nodeId, slots: e.slots });
  return undefined;
};
