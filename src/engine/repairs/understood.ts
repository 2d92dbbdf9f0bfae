import type { Input } from '../input.js';
import { slotOf } from '../node-kind.js';
import { kindOf } from '../nodes/registry.js';
import { isWord } from '../normalize.js';
import { understoodLine } from '../nodes/choice.js';
import type { Sprint } from '../sprint.js';

/** the flow's choice questions that say what was understood, with the slot each sets */
function understoodNodes(sp: Sprint) {
  return Object.entries(sp.flow.nodes).flatMap(([id, node]) => (node.type === 'choice' && node.understood ? [{ id, node, slot: slotOf(node, id) }] : []));
}

/**
 * Says what the trigger already answered (好的，帮您登记【排水井盖】问题（不对请点这里改）), for each
 * prefilled answer of a question with `understood`, before the flow's next question.
 */
export function sayUnderstood(sp: Sprint): void {
  for (const { id, node, slot } of understoodNodes(sp)) {
    if (sp.session.prefilled.includes(slot) && sp.session.slots[slot] !== undefined) sp.say(understoodLine(node, sp.scope(id)));
  }
}

/**
 * 改 (typed, or the tap of the understood line) at a later question: asks the understood question
 * again and comes back to the pending one once it is answered. Only at a question (not while the
 * runtime looks something up), not at the question itself, nor at a confirm card (its own 改…
 * options say what to change). True when it took the input.
 */
export function correct(sp: Sprint, input: Input): boolean {
  const target = correctionFor(sp, input);
  if (!target) return false;
  sp.session.returnTo = sp.session.nodeId;
  sp.enter(target, { force: true, edit: true });
  return true;
}

/** the understood question that 改 (typed or tapped) at the waiting question goes back to, if any */
export function correctionFor(sp: Sprint, input: Input): string | undefined {
  if (input.type !== 'text') return undefined;
  const s = sp.session;
  const here = sp.flow.nodes[s.nodeId];
  if (!here || !kindOf(here).asks || here.type === 'confirm' || s.returnTo) return undefined;
  return understoodNodes(sp).find((u) => u.id !== s.nodeId && s.slots[u.slot] !== undefined && isWord(input.text, u.node.understood!.words))?.id;
}
