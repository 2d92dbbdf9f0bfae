import { followCase } from '../../civic/follow.js';
import { caseKind } from '../../civic/subscriptions.js';
import { supportProposal, supportStatuses } from '../../civic/support.js';
import type { EventOf } from '../../engine/events/index.js';
import type { EventHandler } from './handler.js';

/**
 * `follow_requested`: the resident joins the case instead of filing it again: a report is followed
 * (a supporter: 我也遇到), a proposal is supported (支持 N, counted once, its milestones pushed).
 */
export const followRequested: EventHandler<EventOf<'follow_requested'>> = async (e, { turn, deps }) => {
  const caseId = Number(e.caseRef);
  if (supportStatuses(await caseKind(deps.db, caseId))) await supportProposal(deps.db, caseId, turn.openid, turn.now);
  else await followCase(deps.db, caseId, turn.openid, 'supporter', turn.now);
  return undefined;
};
