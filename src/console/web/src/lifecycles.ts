import type { CaseSummary } from '../../contract.js';
import type { LifecycleStatus, LifecyclesResponse, LifecycleTransition } from '../../contract/lifecycles.js';

/**
 * The lifecycles as the server answers them (GET /lifecycles, read off the civic tables): status
 * labels, which statuses are open, and the moves staff may make with the fields each needs. The
 * console keeps no copy of them; lifecycles-context.tsx loads the answer once after login. Only the
 * colours live here, as presentation.
 */
export type Lifecycles = LifecyclesResponse;
export type Kind = keyof Lifecycles;
export type { LifecycleStatus, LifecycleTransition };

const COLORS: Record<string, string> = {
  submitted: 'gold',
  accepted: 'blue',
  in_progress: 'processing',
  resolved: 'green',
  closed: 'default',
  rejected: 'red',
  duplicate: 'purple',
  collected: 'gold',
  reviewing: 'blue',
  approved: 'cyan',
  reserve: 'default',
  declined: 'red',
  publicised: 'geekblue',
  implementing: 'processing',
  completed: 'green',
  evaluated: 'default',
  pending: 'gold',
  published: 'blue',
  claimed: 'processing',
  fulfilled: 'green',
  thanked: 'cyan',
  withheld: 'red',
};
/** a tag colour per status key; a status the console has no colour for is neutral */
export const statusColor = (status: string): string => COLORS[status] ?? 'default';

const kindsOf = (lc: Lifecycles): Kind[] => Object.keys(lc) as Kind[];

export type Features = Lifecycles[Kind]['features'];
const NO_FEATURES: Features = { due: false, budget: false, support: false, value: false, funding: false, category: false, claims: false, objections: false, theme: false, delivery: false };
/**
 * What cases of a kind carry (GET /lifecycles): the columns and sections the console shows for it
 * (a category, a due date, money, a wish's value, claims, 资金来源). An unknown kind carries none.
 */
export const featuresOf = (lc: Lifecycles, kind: string | undefined): Features => (kind && lc[kind as Kind]?.features) || NO_FEATURES;

export const kindOptions = (lc: Lifecycles): { value: Kind; label: string }[] => kindsOf(lc).map((k) => ({ value: k, label: lc[k].label }));

export const statusOf = (lc: Lifecycles, kind: string, status: string): LifecycleStatus | undefined =>
  lc[kind as Kind]?.statuses.find((s) => s.key === status);

/** the filter options: one kind's statuses, or every kind's prefixed with the kind */
export function statusOptions(lc: Lifecycles, kind?: Kind): { value: string; label: string }[] {
  const pick = (k: Kind, prefix: string) => lc[k].statuses.map((s) => ({ value: s.key, label: `${prefix}${s.label}` }));
  return kind ? pick(kind, '') : kindsOf(lc).flatMap((k) => pick(k, `${lc[k].label} · `));
}

/** the moves staff may make from a status */
export const transitionsFrom = (lc: Lifecycles, kind: string, status: string): LifecycleTransition[] => statusOf(lc, kind, status)?.transitions ?? [];

export interface BulkTarget {
  /** the status to move to (the keys of the kinds' lifecycles are distinct) */
  value: string;
  label: string;
  /** how many of the chosen cases can make this move */
  count: number;
  needs: string | null;
  publicNoteRequired: boolean;
  fields: LifecycleTransition['fields'];
}

/**
 * The moves offered for a bulk change: every status at least one chosen case may move to, in the
 * order of its lifecycle, with the fields any of those moves needs. The server checks each case
 * again and answers per case, so a case that cannot make the move is reported, not forced.
 */
export function bulkTargets(lc: Lifecycles, cases: readonly Pick<CaseSummary, 'kind' | 'status'>[]): BulkTarget[] {
  const kinds = kindsOf(lc).filter((k) => cases.some((c) => c.kind === k));
  const out: BulkTarget[] = [];
  for (const kind of kinds) {
    const prefix = kinds.length > 1 ? `${lc[kind].label} · ` : '';
    const found = new Map<string, BulkTarget>();
    for (const s of lc[kind].statuses) {
      const n = cases.filter((c) => c.kind === kind && c.status === s.key).length;
      if (n === 0) continue;
      for (const t of s.transitions) {
        const target = found.get(t.to) ?? { value: t.to, label: `${prefix}${t.label}`, count: 0, needs: null, publicNoteRequired: false, fields: [] };
        target.count += n;
        target.publicNoteRequired ||= t.publicNoteRequired;
        if (t.needs && !target.needs?.includes(t.needs)) target.needs = target.needs ? `${target.needs}；${t.needs}` : t.needs;
        for (const f of t.fields) {
          const i = target.fields.findIndex((g) => g.name === f.name);
          if (i < 0) target.fields = [...target.fields, f];
          else if (f.required) target.fields = target.fields.map((g, j) => (j === i ? { ...g, required: true } : g));
        }
        found.set(t.to, target);
      }
    }
    const order = lc[kind].statuses.map((s) => s.key);
    out.push(...[...found.values()].sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value)));
  }
  return out;
}
