import type { Input } from '../input.js';
import { isWord } from '../normalize.js';
import type { Sprint } from '../sprint.js';
import { answerCancelQuestion, cancel } from './cancel.js';
import { answerDraftOffer } from './draft-offer.js';
import { expire } from './expire.js';
import { handoff } from './handoff.js';
import { locationAside, photoAside } from './media-aside.js';
import { reprompt } from './reprompt.js';
import { correct, correctionFor } from './understood.js';

/**
 * One repair: a way a resident (or the runtime) steps outside the question asked, and the engine's
 * answer to it. `when` looks at the session and the input only; `act` does the repair.
 */
export interface Repair {
  readonly name: string;
  when(sp: Sprint, input: Input): boolean;
  act(sp: Sprint, input: Input): void;
}

/**
 * The repairs, in the order resume() tries them; the first whose `when` holds acts, and an input no
 * repair takes is the answer to the waiting node. Each row has its golden cases in flows/__tests__
 * (report.cancel-*, report.draft-*, report.photo-*, report.location-aside …).
 */
export const repairs: readonly Repair[] = [
  { name: 'expire', when: (_sp, i) => i.type === 'expire', act: (sp) => expire(sp) },
  { name: 'cancel', when: (_sp, i) => i.type === 'cancel', act: (sp) => cancel(sp) },
  { name: 'reprompt', when: (_sp, i) => i.type === 'reprompt', act: (sp) => reprompt(sp) },
  {
    name: 'handoff',
    when: (sp, i) => i.type === 'handoff' || (i.type === 'text' && isWord(i.text, sp.t.words.handoff)),
    act: (sp) => handoff(sp),
  },
  { name: 'draft-answer', when: (sp) => !!sp.session.pendingDraft, act: answerDraftOffer },
  { name: 'cancel-answer', when: (sp) => !!sp.session.pendingCancel, act: answerCancelQuestion },
  { name: 'understood', when: (sp, i) => correctionFor(sp, i) !== undefined, act: correct },
  { name: 'photo-aside', when: photoAside.when, act: photoAside.act },
  { name: 'location-aside', when: locationAside.when, act: locationAside.act },
];

/** the first repair that takes the input, or undefined: the waiting node answers */
export const repairFor = (sp: Sprint, input: Input): Repair | undefined => repairs.find((r) => r.when(sp, input));
