import type { Input } from '../input.js';
import { matchOption } from '../match-option.js';
import { renderOptions } from '../menu-link.js';
import { charCount } from '../normalize.js';
import type { Sprint } from '../sprint.js';
import type { Draft } from '../trigger.js';
import { sayUnderstood } from './understood.js';

const SUMMARY_CHARS = 24;

/** 1 继续填写 / 2 重新开始, each a tap */
export const draftChoices = (sp: Sprint): string =>
  renderOptions([
    { number: 1, label: sp.t.words.draftContinue[0] ?? '1' },
    { number: 2, label: sp.t.words.draftRestart[0] ?? '2' },
  ]);

/** 您有一条未完成的报修（路灯照明 3栋门口路灯不亮），要接着填写吗？ then 1 继续填写 / 2 重新开始 as taps */
export function offerDraft(sp: Sprint, draft: Draft): void {
  sp.session.pendingDraft = structuredClone(draft);
  const saved = sp.session.slots;
  // render the summary from the draft's answers, without the 未填写 of unanswered slots
  sp.session.slots = { ...saved, ...draft.slots };
  let summary = sp.scope(sp.session.nodeId).render(sp.flow.summary ?? '', '').replace(/\s+/g, ' ').trim();
  sp.session.slots = saved;
  if (charCount(summary) > SUMMARY_CHARS) summary = `${[...summary].slice(0, SUMMARY_CHARS).join('')}…`;
  sp.say(`${sp.text('draftOffer', { summary: summary || sp.flow.name })}\n${draftChoices(sp)}`);
  sp.waitHere();
}

/**
 * The answer to the draft offer: 1 continues where the draft stopped (its answers restored), 2
 * starts afresh; anything else repeats the question.
 */
export function answerDraftOffer(sp: Sprint, input: Input): void {
  const s = sp.session;
  const draft = s.pendingDraft;
  if (!draft) return sp.answer(input);
  const w = sp.t.words;
  const picked =
    input.type === 'text'
      ? matchOption(
          [
            { number: 1, label: w.draftContinue[0] ?? '1', synonyms: w.draftContinue },
            { number: 2, label: w.draftRestart[0] ?? '2', synonyms: w.draftRestart },
          ],
          input.text,
        )
      : undefined;
  if (!picked) {
    sp.say(`${sp.text('draftOfferHint')}\n${draftChoices(sp)}`);
    return sp.waitHere();
  }
  delete s.pendingDraft;
  sp.tip = true;
  if (picked.number === 2) {
    sp.say(sp.text('draftRestart'));
    sayUnderstood(sp);
    return sp.enter(sp.flow.start);
  }
  s.slots = { ...s.slots, ...structuredClone(draft.slots) };
  s.prefilled = s.prefilled.filter((k) => !(k in draft.slots));
  sp.say(sp.text('draftContinue'));
  if (sp.flow.nodes[draft.nodeId]) return sp.enter(draft.nodeId, { force: true });
  sp.enter(sp.flow.start);
}
