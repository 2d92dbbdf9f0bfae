import type { Input } from '../input.js';
import { matchOption } from '../match-option.js';
import { renderOptions } from '../menu-link.js';
import { hasAnswers, type Sprint } from '../sprint.js';

/** 确定要取消这次报修吗？ then 1 确定取消 / 2 继续填写, each a tap */
export const cancelQuestion = (sp: Sprint): string =>
  `${sp.text('cancelConfirm')}\n${renderOptions([
    { number: 1, label: sp.t.words.cancelYes[0] ?? '1' },
    { number: 2, label: sp.t.words.cancelNo[0] ?? '2' },
  ])}`;

/**
 * 取消 (the runtime's `cancel` input). With nothing answered the flow just ends; with answers it
 * asks once: 确定要取消这次报修吗？回复 1 确定取消，回复 2 继续填写. A second 取消 confirms. At the
 * draft question the draft is kept (draft_saved) and the flow ends.
 */
export function cancel(sp: Sprint): void {
  const s = sp.session;
  if (s.pendingDraft) {
    sp.emit({ type: 'draft_saved', ...structuredClone(s.pendingDraft) });
    sp.say(sp.text('cancelled'));
    return sp.end('cancelled');
  }
  if (s.pendingCancel || !hasAnswers(s)) {
    sp.say(sp.text('cancelled'));
    return sp.end('cancelled');
  }
  s.pendingCancel = true;
  sp.say(cancelQuestion(sp));
  sp.waitHere();
}

/**
 * The answer to the cancel question: 1 cancels, 2 goes back to the pending question; anything
 * else is taken as the answer to the pending question (the resident simply went on).
 */
export function answerCancelQuestion(sp: Sprint, input: Input): void {
  const w = sp.t.words;
  delete sp.session.pendingCancel;
  const picked =
    input.type === 'text'
      ? matchOption(
          [
            { number: 1, label: w.cancelYes[0] ?? '1', synonyms: w.cancelYes },
            { number: 2, label: w.cancelNo[0] ?? '2', synonyms: w.cancelNo },
          ],
          input.text,
        )
      : undefined;
  if (picked?.number === 1) {
    sp.say(sp.text('cancelled'));
    return sp.end('cancelled');
  }
  if (picked?.number === 2) {
    sp.say(sp.text('cancelKept'));
    return sp.enter(sp.session.nodeId, { force: true });
  }
  sp.answer(input);
}
