import type { Input } from '../input.js';
import type { Outcome, Scope } from '../node-kind.js';
import { isWord } from '../normalize.js';
import { fill } from '../template.js';

/**
 * A voice message at a free-text question. With a transcript (WeChat's Recognition, or the
 * runtime's recogniser) it is read back (您说的是：……，对吗？) and waits in the slot as `{ heard }`
 * until the resident answers 1 (taken, as if typed) or 2 (say it again); anything else typed
 * replaces it. Without one, the voice itself is the answer: the slot holds the locale's stand-in
 * text and the runtime files the audio with the case for staff to listen to.
 */
export function voiceAnswer(input: Extract<Input, { type: 'voice' }>, s: Scope): Outcome {
  const heard = input.transcript?.trim();
  if (heard) return { type: 'stay', value: { heard }, reply: fill(s.t.texts.voiceReadBack, { heard }) };
  return { type: 'answer', value: s.t.texts.voiceUnheard, reply: s.t.texts.voiceKept };
}

/** the read-back waiting for 1 or 2: the transcript it holds */
export function pendingHeard(s: Scope): string | undefined {
  const v = s.session.slots[s.slot];
  return v && typeof v === 'object' && !Array.isArray(v) && typeof v.heard === 'string' ? v.heard : undefined;
}

/**
 * The resident's answer to the read-back: 'yes' takes the transcript, 'no' asks again, undefined
 * when the message is neither (a typed answer, which replaces the voice).
 */
export function readBackAnswer(input: Input, s: Scope): 'yes' | 'no' | undefined {
  if (input.type !== 'text') return undefined;
  if (isWord(input.text, s.t.words.voiceYes)) return 'yes';
  if (isWord(input.text, s.t.words.voiceNo)) return 'no';
  return undefined;
}
