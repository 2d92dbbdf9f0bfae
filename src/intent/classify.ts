import type { IntentModel } from './intent-model.js';
import { matchLexicon, totalWeight, type LexiconMatch } from './lexicon.js';
import { compactText } from './normalise.js';

export interface IntentResult {
  /** report: something broken, dirty, dangerous or a nuisance; proposal: a wish for something new */
  flow: 'report' | 'proposal' | null;
  /** for a report: a category id from flows/categories.yaml */
  category?: string;
  /** 0 … 1, how clearly the evidence favours this answer over the next best */
  confidence: number;
  /** the phrases that decided it, in text order */
  matched: string[];
}

/** Confidence grows with the amount of evidence: a lone weak cue is never certain. */
const STRENGTH_HALF = 3;

/**
 * Classifies free text that matched no command or keyword.
 *
 * Two readings are scored separately. The cue lexicon (longest match, so `修个` is a proposal cue
 * and not the report cue `修`) gives report, proposal and none scores. Each category lexicon gives
 * a topic score; the best topic supports a report but is neutral between report and proposal,
 * because `申请装30盏路灯` and `路灯坏了` share a topic. Then:
 *   - evidence = max(report + topic, proposal); below minScore, or not above the none score → null;
 *   - proposal when its cues outweigh the report cues; otherwise report, with the best category
 *     (or the fallback category when no topic phrase matched).
 */
export function classifyIntent(text: string, model: IntentModel): IntentResult {
  const compact = compactText(text);
  const cues = matchLexicon(model.cues, compact);
  const score = (label: 'report' | 'proposal' | 'none') => totalWeight(cues.filter((m) => m.label === label));
  const report = score('report');
  const proposal = score('proposal');
  const none = score('none');

  let best: { id: string; score: number; matches: LexiconMatch<string>[] } | undefined;
  for (const c of model.categories) {
    const matches = matchLexicon(c.lexicon, compact);
    const s = totalWeight(matches);
    if (s > 0 && (!best || s > best.score)) best = { id: c.id, score: s, matches };
  }
  const topic = best?.score ?? 0;
  const reportTotal = report + topic;
  const evidence = Math.max(reportTotal, proposal);

  if (evidence < model.minScore || none >= evidence) {
    const against = Math.max(none, model.minScore);
    return { flow: null, confidence: round(1 - Math.max(0, evidence) / against), matched: phrases(cues) };
  }
  if (proposal > report) {
    return { flow: 'proposal', confidence: confidence(proposal, Math.max(report, none)), matched: phrases(cues) };
  }
  return {
    flow: 'report',
    category: best?.id ?? model.fallbackCategory,
    confidence: confidence(reportTotal, Math.max(proposal, none)),
    matched: phrases([...cues, ...(best?.matches ?? [])]),
  };
}

function confidence(winner: number, runnerUp: number): number {
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
