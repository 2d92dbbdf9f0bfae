import { kindLabel, lifecycles, statusLabel, type CaseKind, type Edge } from '../civic/index.js';
import { fieldsOf } from './cases/transition-fields.js';
import type { LifecycleInfo, LifecyclesResponse, LifecycleTransition } from './contract/lifecycles.js';

/**
 * The moves in the words staff click: `<from>><to>` for one edge, `<to>` for every edge into a
 * status. A status label says where a case is (已受理); an action says what staff do (受理).
 * tests/console/lifecycles.test.ts fails when an edge of the civic tables has no action here.
 */
export const ACTIONS: Record<CaseKind, Record<string, string>> = {
  report: {
    accepted: '受理',
    rejected: '不予受理',
    in_progress: '开始办理',
    'resolved>in_progress': '重办',
    resolved: '办结',
    closed: '结案',
    duplicate: '合并',
  },
  proposal: {
    reviewing: '提交审核',
    'publicised>reviewing': '退回重新审核',
    approved: '确定立项',
    reserve: '列入备选库',
    declined: '不予采纳',
    publicised: '开始公示',
    implementing: '开始实施',
    completed: '完成验收',
    evaluated: '完成评议',
  },
};

/** the action of one move; a move not in ACTIONS still gets words */
export function actionLabel(kind: CaseKind, from: string, to: string): string {
  const a = ACTIONS[kind];
  return a[`${from}>${to}`] ?? a[to] ?? `改为「${statusLabel(kind, to)}」`;
}

function transitionOf(kind: CaseKind, from: string, e: Edge): LifecycleTransition {
  return {
    to: e.to,
    action: actionLabel(kind, from, e.to),
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
        transitions: out.filter((e) => e.actors.includes('staff')).map((e) => transitionOf(kind, key, e)),
      };
    }),
  };
}

/**
 * Both lifecycles as the console shows them, read off the civic transition tables (the same tables
 * transition() enforces): statuses with their labels, which are open or terminal, and from each
 * status the moves staff may make with the fields each needs. The SPA builds its status filters,
 * tags, bulk dialog and transition forms from this answer and holds no copy of it.
 */
export function lifecyclesAnswer(): LifecyclesResponse {
  return { report: lifecycleInfo('report'), proposal: lifecycleInfo('proposal') };
}
