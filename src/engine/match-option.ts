import { normalize } from './normalize.js';

export interface MatchableOption {
  number: number;
  label: string;
  synonyms?: readonly string[] | undefined;
}

/** Options numbered by position unless the flow gave them numbers. */
export function numbered<T extends object>(options: readonly T[]): (T & { number: number })[] {
  return options.map((o, i) => ({ ...o, number: (o as { number?: number | undefined }).number ?? i + 1 }));
}

const chineseDigits: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** "1", "１", "第1个", "选2", "二" → the number; anything else → undefined. */
export function optionNumber(text: string): number | undefined {
  const t = normalize(text).replace(/^(第|选|选择)/, '').replace(/(个|项|号|条)$/, '');
  if (/^\d{1,3}$/.test(t)) return Number(t);
  return chineseDigits[t];
}

/**
 * Which option an answer means: its number, its label or a synonym; then, if exactly one option's
 * label or synonym appears inside the answer ("路灯坏了" → 路灯) or the answer is part of exactly
 * one label ("桃源" → 桃源社区), that one. Ambiguous or unknown answers match nothing.
 */
export function matchOption<T extends MatchableOption>(options: readonly T[], text: string): T | undefined {
  const n = optionNumber(text);
  if (n !== undefined) return options.find((o) => o.number === n);
  const t = normalize(text);
  if (!t) return undefined;
  const words = (o: T) => [o.label, ...(o.synonyms ?? [])].map(normalize).filter((w) => w.length > 0);
  const exact = options.filter((o) => words(o).includes(t));
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) return undefined;
  const inside = options.filter((o) => words(o).some((w) => w.length >= 2 && t.includes(w)));
  if (inside.length === 1) return inside[0];
  if (inside.length > 1) return undefined;
  const partOf = t.length >= 2 ? options.filter((o) => normalize(o.label).includes(t)) : [];
  return partOf.length === 1 ? partOf[0] : undefined;
}
