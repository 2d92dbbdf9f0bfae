import { followCase } from '../../civic/follow.js';
import { caseKind } from '../../civic/subscriptions.js';
import { supportProposal, supportStatuses } from '../../civic/support.js';
import type { EventOf } from '../../engine/events/index.js';
import { supportText } from '../support-text.js';
import type { EventHandler } from './handler.js';

/**
 * `follow_requested`: the resident joins the case instead of filing it again: a report is followed
 * (a supporter: 我也遇到), a proposal is supported (支持 N, counted once, its milestones pushed). The
 * flow's message thanks for a support; when none was counted (征集 ended while the resident read the
 * offer, they support it already, it is their own) the resident is told what happened instead.
 */
export const followRequested: EventHandler<EventOf<'follow_requested'>> = async (e, { turn, deps }) => {
  const caseId = Number(e.caseRef);
  if (!supportStatuses(await caseKind(deps.db, caseId))) {
    await followCase(deps.db, caseId, turn.openid, 'supporter', turn.now);
    return undefined;
  }
  const r = await supportProposal(deps.db, caseId, turn.openid, turn.now);
  return r.outcome === 'supported' ? undefined : { instead: supportText(r, caseId, deps.texts) };
};
