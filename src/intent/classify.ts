import { NONE, type IntentModel } from './intent-model.js';
import { matchLexicon, totalWeight, type LexiconMatch } from './lexicon.js';
import { compactText } from './normalise.js';

export interface IntentResult {
  /** the id of the flow the message asks for (a flow with cues in flows/intents.yaml), or null */
  flow: string | null;
  /** for the topics' flow (a report): a category id from flows/categories.yaml */
  category?: string;
  /** 0 … 1, how clearly the evidence favours this answer over the next best */
  confidence: number;
  /** the phrases that decided it, in text order */
  matched: string[];
  /**
   * for the topics' flow: every category whose phrases matched, best first (ties in file order),
   * with its score; empty when no category phrase matched (then `category` is the fallback)
   */
  categories?: { id: string; score: number }[];
  /** for the topics' flow: 0 … 1, how clearly the best category beats the next (0 for the fallback) */
  categoryConfidence?: number;
}

/** Confidence grows with the amount of evidence: a lone weak cue is never certain. */
const STRENGTH_HALF = 3;

/**
 * Classifies free text that matched no command or keyword.
 *
 * Two readings are scored separately. The cue lexicon (longest match, so `修个` is a proposal cue
 * and not the report cue `修`) gives each flow's score and the none score. Each category lexicon
 * gives a topic score; the best topic supports the topics' flow (a report) but does not decide
 * between flows, because `申请装30盏路灯` and `路灯坏了` share a topic. Then:
 *   - evidence = the best flow score, the topic counted for its flow; below minScore, or not above
 *     the none score → null;
 *   - the flow whose cues weigh most wins; a tie goes to the larger total (with the topic), then to
 *     the flow listed first; the topics' flow gets the best category (or the fallback category).
 */
export function classifyIntent(text: string, model: IntentModel): IntentResult {
  const compact = [...compactText(text)].map((ch) => model.folds[ch] ?? ch).join('');
  const cues = matchLexicon(model.cues, compact);
  const score = (label: string) => totalWeight(cues.filter((m) => m.label === label));
  const none = score(NONE);

  const ranked = model.categories
    .map((c) => {
      const matches = matchLexicon(c.lexicon, compact);
      return { id: c.id, score: totalWeight(matches), matches };
    })
    .filter((c) => c.score > 0)
    // stable: ties keep file order
    .sort((a, b) => b.score - a.score);
  const best = ranked[0];
  const topic = best?.score ?? 0;
  const flows = model.flows.map((id) => ({ id, cue: score(id), total: score(id) + (id === model.topics.flow ? topic : 0) }));
  const evidence = Math.max(...flows.map((f) => f.total));

  if (flows.length === 0 || evidence < model.minScore || none >= evidence) {
    const against = Math.max(none, model.minScore);
    return { flow: null, confidence: round(1 - Math.max(0, evidence) / against), matched: phrases(cues) };
  }
  const winner = flows.reduce((w, f) => (f.cue > w.cue || (f.cue === w.cue && f.total > w.total) ? f : w));
  const runnerUp = Math.max(none, ...flows.filter((f) => f !== winner).map((f) => f.cue));
  const confidence = scoreConfidence(winner.total, runnerUp);
  if (winner.id !== model.topics.flow) return { flow: winner.id, confidence, matched: phrases(cues) };
  return {
    flow: winner.id,
    category: best?.id ?? model.fallbackCategory,
    confidence,
    matched: phrases([...cues, ...(best?.matches ?? [])]),
    categories: ranked.map(({ id, score }) => ({ id, score })),
    categoryConfidence: best ? scoreConfidence(best.score, ranked[1]?.score ?? 0) : 0,
  };
}

function scoreConfidence(winner: number, runnerUp: number): number {
  const separation = 1 - Math.max(0, runnerUp) / winner;
  const strength = winner / (winner + STRENGTH_HALF);
  return round(separation * strength);
}

function phrases(matches: readonly LexiconMatch<string>[]): string[] {
  return [...new Set([...matches].sort((a, b) => a.start - b.start).map((m) => m.term))];
}

function round(x: number): number {
  return Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000;
}
