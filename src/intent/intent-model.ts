import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { buildLexicon, type Lexicon } from './lexicon.js';
import { compactText } from './normalise.js';

/** What a phrase says about the message as a whole: the id of the flow it points to, or `none`. */
export type CueLabel = string;

/** the cue label of chit-chat and other services: evidence against every flow */
export const NONE = 'none';

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
    /** characters read as others before matching: dialect words (冇 → 没, 咗 → 了), one character each */
    folds: z.record(z.string().length(1), z.string().length(1)).default({}),
    /** by flow id (flows/<id>.yaml), and `none` */
    cues: z.record(z.string().regex(/^[a-z][a-z0-9_-]*$/), weights).refine((c) => Object.keys(c).some((k) => k !== NONE), 'must list the cues of at least one flow'),
    /** the flow whose cues the category phrases support, and its question they answer */
    topics: z
      .object({
        flow: z.string().min(1),
        slot: z.string().min(1),
        /** a category this sure (classifyIntent's categoryConfidence) answers the question; a less sure one is offered */
        sure: z.number().min(0).max(1).default(0.5),
        /** the flow's param that takes the best categories offered as taps when none is sure */
        shortlist: z.string().min(1).optional(),
        /** how many categories are offered (the fallback category comes after them) */
        offer: z.number().int().min(1).max(5).default(3),
      })
      .strict(),
    categories: z.record(z.string().regex(/^[a-z][a-z_]*$/), weights),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (!(f.fallbackCategory in f.categories)) {
      ctx.addIssue({ code: 'custom', path: ['fallbackCategory'], message: `${f.fallbackCategory} is not a category` });
    }
    if (!(f.topics.flow in f.cues) || f.topics.flow === NONE) {
      ctx.addIssue({ code: 'custom', path: ['topics', 'flow'], message: `${f.topics.flow} has no cues` });
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
  /** characters read as others before matching (冇 → 没) */
  folds: Readonly<Record<string, string>>;
  fallbackCategory: string;
  /** the flows the cues point to, in file order: a tie goes to the one listed first */
  flows: readonly string[];
  /** the cues of every flow and of none, one lexicon so the longest phrase decides its reading */
  cues: Lexicon<CueLabel>;
  /** the flow the category phrases support, the slot of its question the best category answers, and when */
  topics: IntentFile['topics'];
  /** in file order: ties go to the category listed first */
  categories: ReadonlyArray<{ id: string; lexicon: Lexicon<string> }>;
}

export interface IntentModelOptions {
  /** category ids that exist (flows/categories.yaml); any other id in the file is an error */
  knownCategories?: readonly string[];
  /** the flows free text may start (the loaded flows); cues for any other flow are an error */
  knownFlows?: readonly string[];
}

/** Validates parsed YAML and compiles it. Throws a ZodError naming the bad path. */
export function parseIntentModel(data: unknown, options: IntentModelOptions = {}): IntentModel {
  const file = intentFileSchema.parse(data);
  if (options.knownCategories) {
    const known = new Set(options.knownCategories);
    const unknown = Object.keys(file.categories).filter((id) => !known.has(id));
    if (unknown.length > 0) throw new Error(`intents: unknown categories ${unknown.join(', ')}`);
  }
  if (options.knownFlows) {
    const known = new Set(options.knownFlows);
    const unknown = Object.keys(file.cues).filter((id) => id !== NONE && !known.has(id));
    if (unknown.length > 0) throw new Error(`intents: cues for flows that free text cannot start: ${unknown.join(', ')}`);
  }
  const cueTerms = Object.entries(file.cues).flatMap(([label, terms]) => Object.entries(terms).map(([term, weight]) => ({ term, weight, label })));
  return {
    minScore: file.minScore,
    folds: file.folds,
    fallbackCategory: file.fallbackCategory,
    flows: Object.keys(file.cues).filter((k) => k !== NONE),
    cues: buildLexicon(cueTerms),
    topics: file.topics,
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
