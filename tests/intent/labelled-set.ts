import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { classifyIntent } from '../../src/intent/classify.js';
import type { IntentModel } from '../../src/intent/intent-model.js';

const labelled = z.array(
  z
    .object({ text: z.string().min(1), flow: z.enum(['report', 'proposal', 'wish', 'none']), category: z.string().optional() })
    .strict()
    .refine((x) => (x.flow === 'report') === (x.category !== undefined), 'category is given exactly for reports'),
);
export type Labelled = z.infer<typeof labelled>[number] & { heldOut: boolean };

/** Every 5th message (1-based 5, 10, 15 …) is held out from tuning. */
export function loadLabelled(path: string): Labelled[] {
  return labelled.parse(parseYaml(readFileSync(path, 'utf8'))).map((x, i) => ({ ...x, heldOut: i % 5 === 4 }));
}

/** A file that is held out as a whole (tests/intent/held-out.yaml): none of it is ever tuned on. */
export function loadHeldOut(path: string): Labelled[] {
  return labelled.parse(parseYaml(readFileSync(path, 'utf8'))).map((x) => ({ ...x, heldOut: true }));
}

export interface Outcome {
  item: Labelled;
  got: { flow: string; category?: string };
  flowOk: boolean;
  /** flow right and, for a report, category right */
  ok: boolean;
}

export function evaluate(items: readonly Labelled[], model: IntentModel): Outcome[] {
  return items.map((item) => {
    const r = classifyIntent(item.text, model);
    const flow = r.flow ?? 'none';
    const flowOk = flow === item.flow;
    const ok = flowOk && (item.flow !== 'report' || r.category === item.category);
    return { item, got: r.category ? { flow, category: r.category } : { flow }, flowOk, ok };
  });
}

export function accuracy(outcomes: readonly Outcome[], key: 'ok' | 'flowOk' = 'ok'): { right: number; total: number; pct: number } {
  const right = outcomes.filter((o) => o[key]).length;
  return { right, total: outcomes.length, pct: outcomes.length === 0 ? 0 : (100 * right) / outcomes.length };
}
