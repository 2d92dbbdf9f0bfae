import type { Sprint } from '../sprint.js';
import { cancelQuestion } from './cancel.js';
import { offerDraft } from './draft-offer.js';

/**
 * After a digression (查询 12, 我的) the runtime sends `reprompt`: ask the pending question again,
 * whichever it is (the draft offer, the cancel question, the node's own question, or a lookup).
 */
export function reprompt(sp: Sprint): void {
  const s = sp.session;
  if (s.pendingDraft) return offerDraft(sp, s.pendingDraft);
  if (s.pendingCancel) {
    sp.say(cancelQuestion(sp));
    return sp.waitHere();
  }
  const attempts = s.attempts;
  sp.say(sp.text('repromptLead'));
  sp.enter(s.nodeId, { force: true });
  // a repeated question is not a new visit: keep counting invalid answers
  if (s.status === 'waiting') s.attempts = attempts;
}
