import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { AppError } from '../../errors.js';
import { ZH_GUESSABLE } from './zh-guessable.js';

/**
 * Whether a staff password is too easy to guess, by zxcvbn-ts (Dropbox's estimator: common
 * passwords, words, names, keyboard runs, sequences, repeats, dates, l33t), with the common and
 * English dictionaries and our own Chinese list (zh-guessable.ts). A length rule would take
 * "1234567890" and refuse a long phrase; this counts the guesses an attacker needs instead.
 * Score 3 (≥ 10^8 guesses) is required: with argon2id and the login brakes that is far out of
 * reach online, and slow offline. The account's own names count as guessable.
 */
const MIN_SCORE = 3;

let factory: ZxcvbnFactory | undefined;
const estimator = () =>
  (factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, zhGuessable: [...ZH_GUESSABLE] },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  }));

/** why a weak password is weak, in words a staff member can act on (the strongest reason first) */
function reason(r: ZxcvbnResult): string {
  const parts = r.sequence;
  const dictionaryNames = parts.flatMap((p) => ('dictionaryName' in p ? [String(p.dictionaryName)] : []));
  if (dictionaryNames.includes('userInputs')) return '含有用户名或姓名';
  if (dictionaryNames.some((d) => d.startsWith('passwords') || d === 'zhGuessable')) return '是常见密码或由常见的拼音、姓名组成';
  if (parts.some((p) => p.pattern === 'spatial')) return '是键盘上相邻的按键（如 qwerty、1qaz）';
  if (parts.some((p) => p.pattern === 'sequence')) return '是连续的字母或数字（如 abcd、123456）';
  if (parts.some((p) => p.pattern === 'repeat')) return '有重复的字符或片段';
  if (parts.some((p) => p.pattern === 'date' || p.pattern === 'regex')) return '含有日期或年份';
  if (dictionaryNames.length) return '由常见的单词或姓名组成';
  return '太短';
}

/** undefined when strong enough; else why not */
export function passwordWeakness(password: string, names: readonly (string | null | undefined)[]): string | undefined {
  const inputs = names.filter((n): n is string => typeof n === 'string' && n.trim() !== '').flatMap((n) => [n, ...n.split(/[^\p{L}\p{N}]+/u).filter((s) => s.length >= 3)]);
  const r = estimator().check(password, inputs);
  return r.score >= MIN_SCORE ? undefined : reason(r);
}

/** the zh-CN answer for a weak password: why, and what to do */
export const weakPasswordMessage = (why: string) =>
  `密码太容易被猜到：${why}。请换一个更长、不含用户名和常见词的密码，例如把三四个不相关的词连在一起（如 yun-shui-qiao-37）。`;

/** every place a staff password is set calls this first (password change, staff create and reset, admin:create) */
export function assertStrongPassword(password: string, names: readonly (string | null | undefined)[]): void {
  const why = passwordWeakness(password, names);
  if (why) throw new AppError('bad_request', weakPasswordMessage(why), { reason: 'weak_password' });
}
