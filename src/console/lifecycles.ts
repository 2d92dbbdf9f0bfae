import {
  actionLabel,
  allKinds,
  kindLabel,
  needsLabel,
  statusLabel,
  STAFF_SIDE_ACTIONS,
  type CaseKind,
  type Edge,
  type StatusAttrs,
} from '../civic/index.js';
import { forwardMove } from './cases/forward-move.js';
import { fieldsOf } from './cases/transition-fields.js';
import { kindFeatures } from './kind-features.js';
import type { LifecycleInfo, LifecyclesResponse, LifecycleTransition } from './contract/lifecycles.js';

function transitionOf(kind: CaseKind, e: Edge, forward: boolean): LifecycleTransition {
  return {
    to: e.to,
    forward,
    action: actionLabel(kind, e),
    label: statusLabel(kind, e.to),
    needs: needsLabel(kind, e),
    publicNoteRequired: e.publicNote === 'required',
    public: e.public,
    fields: fieldsOf(e.data),
  };
}

function lifecycleInfo(kind: CaseKind): LifecycleInfo {
  const m = allKinds().find((k) => k.kind === kind)!;
  const lc = m.lifecycle;
  const statuses = Object.entries(lc.statuses as Readonly<Record<string, StatusAttrs>>);
  return {
    kind,
    label: kindLabel(kind),
    features: kindFeatures(kind),
    statuses: statuses.map(([key, a]) => {
      const out = lc.edges.filter((e) => e.from.includes(key));
      const ahead = forwardMove(kind, key);
      return {
        key,
        label: statusLabel(kind, key),
        initial: key === lc.initial,
        open: a.open,
        phase: a.phase,
        public: a.public,
        terminal: out.length === 0,
        transitions: out.filter((e) => e.actors.includes('staff')).map((e) => transitionOf(kind, e, e.to === ahead && e.key === undefined)),
        sideActions: STAFF_SIDE_ACTIONS.filter((s) => lc.sideActions[s]?.includes(key)),
      };
    }),
  };
}

/**
 * Every kind's lifecycle as the console shows it, read off the kinds' modules (the same tables
 * transition() enforces): statuses with their labels and attributes (open, phase, public), which are
 * terminal, and from each status the moves staff may make with the fields each needs, and the side
 * actions (指派, 转办, 实施进度) it allows. The SPA builds its kind and status filters, tags, bulk
 * dialog and transition forms from this answer and holds no copy of it.
 */
export function lifecyclesAnswer(): LifecyclesResponse {
  return Object.fromEntries(allKinds().map((k) => [k.kind, lifecycleInfo(k.kind)])) as LifecyclesResponse;
}
