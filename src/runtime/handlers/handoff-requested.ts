import type { EventOf } from '../../engine/events/index.js';
import { handOver } from '../handoff.js';
import type { EventHandler } from './handler.js';

/**
 * `handoff_requested`: 人工 typed inside a flow. A person gets the conversation with the flow's
 * context (the question pending, the answers so far), and the answers are kept as a draft for when
 * the resident comes back to the bot. Outside duty hours the resident is told when someone will
 * answer, as the 人工 command tells them.
 */
export const handoffRequested: EventHandler<EventOf<'handoff_requested'>> = async (e, { turn, deps }) => {
  const context = { flowId: e.flowId, nodeId: e.nodeId, slots: e.slots };
  await handOver(deps.db, deps.inbox, { openid: turn.openid, reason: 'flow', context, now: turn.now });
  turn.residentChanged();
  turn.session.saveDraft(context);
  const note = deps.offDutyNote?.(turn.now);
  return note ? { after: note } : undefined;
};
