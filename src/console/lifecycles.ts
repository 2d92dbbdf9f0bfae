import { kindLabel, lifecycles, SIDE_ACTIONS, statusLabel, type CaseKind, type Edge } from '../civic/index.js';
import { fieldsOf } from './cases/transition-fields.js';
import type { LifecycleInfo, LifecyclesResponse, LifecycleTransition } from './contract/lifecycles.js';

function transitionOf(kind: CaseKind, e: Edge): LifecycleTransition {
  return {
    to: e.to,
    action: e.action,
    label: statusLabel(kind, e.to),
    needs: e.needs ?? null,
    publicNoteRequired: e.publicNote === 'required',
    public: e.public,
    fields: fieldsOf(e.data),
  };
}

function lifecycleInfo(kind: CaseKind): LifecycleInfo {
  const lc = lifecycles[kind];
  return {
    kind,
    label: kindLabel(kind),
    statuses: Object.entries(lc.statuses).map(([key, label]) => {
      const out = lc.edges.filter((e) => e.from.includes(key));
      return {
        key,
        label,
        initial: key === lc.initial,
        open: lc.open.includes(key),
        terminal: out.length === 0,
        transitions: out.filter((e) => e.actors.includes('staff')).map((e) => transitionOf(kind, e)),
        sideActions: SIDE_ACTIONS.filter((a) => lc.sideActions[a]?.includes(key)),
      };
    }),
  };
}

/**
 * Both lifecycles as the console shows them, read off the civic transition tables (the same tables
 * transition() enforces): statuses with their labels, which are open or terminal, and from each
 * status the moves staff may make with the fields each needs, and the side actions (指派, 转办,
 * 实施进度) it allows. The SPA builds its status filters,
 * tags, bulk dialog and transition forms from this answer and holds no copy of it.
 */
export function lifecyclesAnswer(): LifecyclesResponse {
  return { report: lifecycleInfo('report'), proposal: lifecycleInfo('proposal') };
}
