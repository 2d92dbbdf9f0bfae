import type { Sprint } from '../sprint.js';

/**
 * 人工 typed inside the flow: hand the conversation to a person with the context so far
 * (handoff_requested), and end the flow (handoff). A draft still on offer is kept.
 */
export function handoff(sp: Sprint): void {
  const s = sp.session;
  if (s.pendingDraft) sp.emit({ type: 'draft_saved', ...structuredClone(s.pendingDraft) });
  sp.emit({ type: 'handoff_requested', flowId: sp.flow.id, nodeId: s.nodeId, slots: structuredClone(s.slots) });
  sp.say(sp.text('handoffRequested'));
  sp.end('handoff');
}
