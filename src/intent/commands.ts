import { COMMAND_PREFIXES, COMMAND_SUFFIXES, COMMAND_WORDS, LOOKUP_QUESTION, type CommandWords } from './command-words.js';
import { parseCaseRef } from './case-ref.js';
import { normaliseText } from './normalise.js';

/** A global command a resident typed; the dispatcher answers it before any flow. */
export type Command =
  | { type: 'cancel' }
  | { type: 'handoff' }
  /** 结束人工: the resident ends the human service */
  | { type: 'end_handoff' }
  | { type: 'help' }
  | { type: 'lookup'; caseId: number }
  /** 查询 with no (valid) number: answer with how to use it */
  | { type: 'lookup_usage' }
  | { type: 'mine' }
  | { type: 'subscribe'; caseId: number }
  | { type: 'unsubscribe'; caseId: number }
  | { type: 'subscribe_community' }
  | { type: 'unsubscribe_community' }
  /** 公示: the projects under public notice */
  | { type: 'publicity' }
  /** 统计: the community's figures */
  | { type: 'stats' }
  /** 我的社区: the resident's own community, and how to change it */
  | { type: 'my_community' }
  /** 认领: the wishes waiting for someone to make them come true */
  | { type: 'claim_list' }
  /** 认领 12: how to claim wish 12 */
  | { type: 'claim'; caseId: number }
  /** 支持 12: support proposal 12 */
  | { type: 'support'; caseId: number };

/** Longer than this (after compaction) is a sentence, never a command. */
const MAX_COMMAND_CHARS = 24;
const MAX_FILLERS_EACH_SIDE = 2;

/**
 * The rule: a message is a command when it is essentially only the command word, optionally
 * followed by its case number, optionally wrapped in politeness (COMMAND_PREFIXES/SUFFIXES).
 * Spaces, punctuation, full-width forms and emoticons do not matter; CJK words are matched as
 * prefixes so `查询123` (one token to a word tokenizer) works. `#123` alone is a lookup.
 * Anything else around the word makes it a sentence and returns null: `我想取消订阅`,
 * `路灯坏了，帮我查询一下`, `查询电费`, `取消 12`. A bare number is never a command (it answers
 * a numbered choice).
 */
export function parseCommand(text: string): Command | null {
  const normalised = normaliseText(text);
  if (/^\?+$/.test(normalised)) return { type: 'help' };
  // Two digit runs (`订阅 12 13`, `查询 1.5`) are never one case number.
  if ((normalised.match(/\d+/g) ?? []).length > 1) return null;
  const core = normalised.replace(/[\s\p{P}\p{S}]+/gu, (m) => (m.includes('#') ? '#' : ''));
  if (core === '' || core.length > MAX_COMMAND_CHARS) return null;
  for (const candidate of withoutFillers(core)) {
    const command = matchCandidate(candidate) ?? lookupQuestion(candidate);
    if (command) return command;
  }
  return null;
}

const alternatives = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
/** 4号办得怎么样了: the ref (as after 查询, a 号 required after a bare number), what it is, the question */
const LOOKUP_QUESTION_RE = new RegExp(
  `^(?<ref>(?:#|第|编号)?(?:\\d+|[〇零一二两三四五六七八九十百千]+)号?)(?:的)?(?:${alternatives(LOOKUP_QUESTION.what)})?` +
    `(?:(?:(?:${alternatives(LOOKUP_QUESTION.verbs)})(?:得|的)?)?(?:${alternatives(LOOKUP_QUESTION.questions)})|(?:${alternatives(LOOKUP_QUESTION.verbs)})(?:${alternatives(LOOKUP_QUESTION.afterVerb)}))$`,
);

function lookupQuestion(candidate: string): Command | null {
  const m = LOOKUP_QUESTION_RE.exec(candidate);
  const ref = m?.groups?.ref;
  // a bare number followed by a question (3怎么样) is not clearly a case: 号, 第 or # says it is
  if (!ref || !/[号第#]|编号/.test(ref)) return null;
  const parsed = parseCaseRef(ref);
  return parsed.kind === 'id' ? { type: 'lookup', caseId: parsed.caseId } : null;
}

/** The core, then the core with up to two polite prefixes and suffixes removed, least stripped first. */
function withoutFillers(core: string): string[] {
  const out = new Set<string>([core]);
  let frontier = [core];
  for (let round = 0; round < MAX_FILLERS_EACH_SIDE * 2; round++) {
    const next: string[] = [];
    for (const s of frontier) {
      for (const p of COMMAND_PREFIXES) if (s.startsWith(p) && s.length > p.length) next.push(s.slice(p.length));
      for (const x of COMMAND_SUFFIXES) if (s.endsWith(x) && s.length > x.length) next.push(s.slice(0, -x.length));
    }
    for (const s of next) out.add(s);
    frontier = next;
  }
  return [...out];
}

function matchCandidate(candidate: string): Command | null {
  if (candidate.startsWith('#')) {
    const ref = parseCaseRef(candidate);
    return ref.kind === 'id' ? { type: 'lookup', caseId: ref.caseId } : null;
  }
  for (const entry of COMMAND_WORDS) {
    for (const word of entry.words) {
      if (!candidate.startsWith(word)) continue;
      const command = withArgument(entry, candidate.slice(word.length));
      if (command) return command;
    }
  }
  return null;
}

function withArgument(entry: CommandWords, rest: string): Command | null {
  if (entry.argument === 'none') return rest === '' ? simple(entry.type) : null;
  const ref = parseCaseRef(rest);
  if (entry.type === 'lookup') {
    if (ref.kind === 'id') return { type: 'lookup', caseId: ref.caseId };
    return ref.kind === 'not_a_ref' ? null : { type: 'lookup_usage' };
  }
  if (entry.type === 'claim') {
    if (ref.kind === 'id') return { type: 'claim', caseId: ref.caseId };
    return ref.kind === 'not_a_ref' ? null : { type: 'claim_list' };
  }
  if (ref.kind !== 'id') return null;
  if (entry.type === 'subscribe') return { type: 'subscribe', caseId: ref.caseId };
  if (entry.type === 'unsubscribe') return { type: 'unsubscribe', caseId: ref.caseId };
  if (entry.type === 'support') return { type: 'support', caseId: ref.caseId };
  return null;
}

function simple(type: CommandWords['type']): Command | null {
  switch (type) {
    case 'cancel':
    case 'handoff':
    case 'end_handoff':
    case 'help':
    case 'mine':
    case 'subscribe_community':
    case 'unsubscribe_community':
    case 'publicity':
    case 'stats':
    case 'my_community':
      return { type };
    case 'lookup':
      return { type: 'lookup_usage' };
    case 'claim':
      return { type: 'claim_list' };
    case 'subscribe':
    case 'unsubscribe':
    case 'support':
      return null;
  }
}
