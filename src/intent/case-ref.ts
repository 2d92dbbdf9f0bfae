import { chineseNumber } from '../engine/parse-money.js';

/**
 * A case number as residents write it after a command word: `123`, `#123`, `:123`, `第123号`,
 * `编号123`, `no.123`, and in Chinese numerals: `三`, `十二号`, `一百零五`. Case ids are PostgreSQL
 * `serial` values, so 1 … 2^31-1.
 */
export const MAX_CASE_ID = 2_147_483_647;

/** Text between the command word and the digits, after spaces were removed. */
const LEAD = /^(?:[#:.,、\-]|no\.?|编号|单号|号码|案号|一下|第)*/;
/** Text allowed after the digits. */
const TRAIL = /(?:号单|号|单)?$/;
/** the number itself: digits, or Chinese numerals (查询 三) */
const NUMBER = /(\d+|[〇零一二两三四五六七八九十百千万]+)/;

/** the number a ref's digits or numerals say; NaN when the numerals say none */
const numberOf = (s: string): number => (/^\d+$/.test(s) ? Number(s) : (chineseNumber(s) ?? Number.NaN));

export type CaseRef =
  | { kind: 'id'; caseId: number }
  /** nothing after the command word */
  | { kind: 'empty' }
  /** digits, but 0 or too large to be a case */
  | { kind: 'out_of_range' }
  /** anything else: the command word was only the start of a longer message */
  | { kind: 'not_a_ref' };

/** Parses the rest of a command (spaces already removed). */
export function parseCaseRef(rest: string): CaseRef {
  if (rest === '') return { kind: 'empty' };
  const m = new RegExp(`${LEAD.source}${NUMBER.source}${TRAIL.source}`).exec(rest);
  if (!m || m.index !== 0) return { kind: 'not_a_ref' };
  const n = numberOf(m[1] ?? '');
  if (Number.isNaN(n)) return { kind: 'not_a_ref' };
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_CASE_ID) return { kind: 'out_of_range' };
  return { kind: 'id', caseId: n };
}
