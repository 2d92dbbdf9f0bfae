import { hasAnswers, type Sprint } from '../sprint.js';

/**
 * The expiry timer fired (`expire` input). Answers are kept as a draft (draft_saved) with a note
 * the runtime may send if its message quota allows; the flow ends (expired).
 */
export function expire(sp: Sprint): void {
  const s = sp.session;
  const draft = s.pendingDraft ?? (hasAnswers(s) ? { flowId: sp.flow.id, nodeId: s.nodeId, slots: s.slots } : undefined);
  if (draft) {
    sp.emit({ type: 'draft_saved', ...structuredClone(draft) });
    sp.say(sp.text('expired'));
  }
  sp.end('expired');
}
