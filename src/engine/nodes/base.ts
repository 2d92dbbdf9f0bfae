import { z } from 'zod';
import type { Input } from '../input.js';
import type { HintKind } from '../locale.js';
import type { Outcome, Scope } from '../node-kind.js';
import { isWord } from '../normalize.js';
import { zhText } from '../zh-text.js';

/** Readable node ids: `category`, `check_duplicates`. */
export const nodeId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'node ids are lowercase words (a-z, 0-9, _)');
/** Slot names as the runtime reads them: `category`, `estimatedCostYuan`. */
export const slotName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'slot names are words (A-Z, a-z, 0-9, _)');

/** Fields every asking node has. */
export const askFields = {
  /** the question, zh-CN; may use {{slot}} placeholders */
  prompt: zhText,
  /** said after an invalid answer (else the locale's hint for the kind) */
  hint: zhText.optional(),
  /** invalid answers before 人工 is offered */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  /** slot name; defaults to the node id */
  result: slotName.optional(),
  next: nodeId.optional(),
};

/** Asking nodes that residents may skip with 跳过 / 没有 (the slot becomes null). */
export const optionalField = { optional: z.boolean().default(false) };

/**
 * The invalid-answer outcome: what was received, when it was the wrong kind of message
 * ("收到了照片，不过…"), then the node's hint (or the locale default), then `extra` (the options again).
 */
export function invalid(node: { hint?: string | undefined }, s: Scope, kind: HintKind, input?: Input, extra?: string): Outcome {
  const r = s.t.received;
  // a spoken answer to a question with choices: a tap or a number works better, said plainly before the choices
  if (input?.type === 'voice' && CHOOSING.has(kind) && extra) return { type: 'invalid', hint: [r.voiceChoice, extra].join('\n') };
  let prefix = '';
  if (input?.type === 'image') prefix = r.image;
  else if (input?.type === 'location') prefix = r.location;
  else if (input?.type === 'voice') prefix = r.voice;
  else if (input?.type === 'other') prefix = input.kind === 'voice' ? r.voiceFailed : input.kind === 'video' || input.kind === 'shortvideo' ? r.video : r.other;
  const hint = node.hint ?? s.t.hints[kind];
  return { type: 'invalid', hint: [prefix + hint, extra].filter((x) => x).join('\n') };
}

/** the kinds whose question is answered by picking one of its choices */
const CHOOSING: ReadonlySet<HintKind> = new Set(['choice', 'community', 'confirm']);

/** True when an optional node was answered with a skip word (跳过, 没有 …). */
export function isSkip(node: { optional?: boolean }, input: Input, s: Scope): boolean {
  return node.optional === true && input.type === 'text' && isWord(input.text, s.t.words.skip);
}
