import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { compactText } from './normalise.js';

/** What a phrase says about the message as a whole. */
export type CueLabel = 'report' | 'proposal' | 'none';

const weights = z
  .record(z.string().min(1), z.number().finite().min(-20).max(20))
  .refine((r) => Object.keys(r).length > 0, 'must list at least one phrase')
  .refine((r) => Object.keys(r).every((k) => compactText(k) === k), {
    message: 'phrases must be written normalised: lower case, half width, no spaces or punctuation',
  });

export const intentFileSchema = z
  .object({
    version: z.literal(1),
    /** below this much evidence a message has no intent */
    minScore: z.number().positive(),
    /** the category a report gets when no category phrase matched */
    fallbackCategory: z.string(),
    cues: z.object({ report: weights, proposal: weights, none: weights }).strict(),
    categories: z.record(z.string().regex(/^[a-z][a-z_]*$/), weights),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (!(f.fallbackCategory in f.categories)) {
      ctx.addIssue({ code: 'custom', path: ['fallbackCategory'], message: `${f.fallbackCategory} is not a category` });
    }
    const owner = new Map<string, string>();
    for (const [label, terms] of Object.entries(f.cues)) {
      for (const term of Object.keys(terms)) {
        const prev = owner.get(term);
        if (prev) ctx.addIssue({ code: 'custom', path: ['cues', label, term], message: `also listed under ${prev}` });
        owner.set(term, label);
      }
    }
  });

export type IntentFile = z.infer<typeof intentFileSchema>;

export interface IntentModel {
  minScore: number;
  fallbackCategory: string;
  /** report / proposal / none cues, one lexicon so the longest phrase decides its reading */
  cues: Lexicon<CueLabel>;
  /** in file order: ties go to the category listed first */
  categories: ReadonlyArray<{ id: string; lexicon: Lexicon<string> }>;
}

export interface IntentModelOptions {
  /** category ids that exist (flows/categories.yaml); any other id in the file is an error */
  knownCategories?: readonly string[];
}

/** Validates parsed YAML and compiles it. Throws a ZodError naming the bad path. */
export function parseIntentModel(data: unknown, options: IntentModelOptions = {}): IntentModel {
  const file = intentFileSchema.parse(data);
  if (options.knownCategories) {
    const known = new Set(options.knownCategories);
    const unknown = Object.keys(file.categories).filter((id) => !known.has(id));
    if (unknown.length > 0) throw new Error(`intents: unknown categories ${unknown.join(', ')}`);
  }
  const cueTerms = (Object.keys(file.cues) as CueLabel[]).flatMap((label) =>
    Object.entries(file.cues[label]).map(([term, weight]) => ({ term, weight, label })),
  );
  return {
    minScore: file.minScore,
    fallbackCategory: file.fallbackCategory,
    cues: buildLexicon(cueTerms),
    categories: Object.entries(file.categories).map(([id, terms]) => ({
      id,
      lexicon: buildLexicon(Object.entries(terms).map(([term, weight]) => ({ term, weight, label: id }))),
    })),
  };
}

/** Reads and compiles flows/intents.yaml (at boot; the classifier itself is pure). */
export function loadIntentModel(path: string, options: IntentModelOptions = {}): IntentModel {
  return parseIntentModel(parseYaml(readFileSync(path, 'utf8')), options);
}
