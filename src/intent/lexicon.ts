/**
 * A weighted phrase list, matched by longest match: at each place in the text the longest phrase
 * wins, and phrases that overlap a longer one do not count. So `修好了` (−5) is read instead of
 * `修` (+2), and `污水横流` instead of `污水`. Each phrase carries a label (the flow it points to).
 */
export interface LexiconTerm<L extends string> {
  term: string;
  weight: number;
  label: L;
}

export interface Lexicon<L extends string> {
  /** terms by first character, longest first */
  byFirstChar: ReadonlyMap<string, readonly LexiconTerm<L>[]>;
}

export interface LexiconMatch<L extends string> extends LexiconTerm<L> {
  start: number;
}

export function buildLexicon<L extends string>(terms: readonly LexiconTerm<L>[]): Lexicon<L> {
  const byFirstChar = new Map<string, LexiconTerm<L>[]>();
  for (const t of terms) {
    const first = [...t.term][0];
    if (first === undefined) continue;
    const list = byFirstChar.get(first) ?? [];
    list.push(t);
    byFirstChar.set(first, list);
  }
  for (const list of byFirstChar.values()) list.sort((a, b) => b.term.length - a.term.length);
  return { byFirstChar };
}

/** Longest non-overlapping matches in `text` (already compacted), in text order. */
export function matchLexicon<L extends string>(lexicon: Lexicon<L>, text: string): LexiconMatch<L>[] {
  const all: LexiconMatch<L>[] = [];
  for (let i = 0; i < text.length; i++) {
    for (const t of lexicon.byFirstChar.get(text[i]!) ?? []) {
      if (text.startsWith(t.term, i)) all.push({ ...t, start: i });
    }
  }
  all.sort((a, b) => b.term.length - a.term.length || a.start - b.start);
  const taken = new Uint8Array(text.length);
  const kept: LexiconMatch<L>[] = [];
  for (const m of all) {
    const end = m.start + m.term.length;
    let free = true;
    for (let i = m.start; i < end && free; i++) if (taken[i]) free = false;
    if (!free) continue;
    taken.fill(1, m.start, end);
    kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function totalWeight(matches: readonly { weight: number }[]): number {
  return matches.reduce((sum, m) => sum + m.weight, 0);
}
