import type { CaseSummary } from '../../contract.js';
import { money } from './format.js';
import { featuresOf, type Lifecycles } from './lifecycles.js';

/**
 * What a case is worth, as its kind keeps it (GET /lifecycles features): a project's money (spent,
 * else approved, else asked for), a wish's value (given, else estimated); '—' for kinds with neither.
 */
export function caseMoney(lc: Lifecycles, c: Pick<CaseSummary, 'kind' | 'estimatedCost' | 'approvedCost' | 'actualCost'>): string {
  const f = featuresOf(lc, c.kind);
  if (f.budget) return money(c.actualCost ?? c.approvedCost ?? c.estimatedCost);
  if (f.value) return money(c.actualCost ?? c.estimatedCost);
  return '—';
}
