import type { CaseKind } from '../civic/index.js';

/**
 * The stage indicator of a case page: the main path a case walks, and where it stands on it.
 * Statuses off the path (不予受理, 已合并, 备选库, 不予采纳) stop at the last stage they reached
 * and carry a notice instead.
 */
export interface StagePath {
  steps: readonly string[];
  /** index of the current step; -1 when the case has left the path before the first step */
  current: number;
  /** the case left the main path (rejected, duplicate, reserve, declined) */
  off: boolean;
}

const REPORT_STEPS = ['已提交', '已受理', '处理中', '已办结', '已评价'] as const;
const PROJECT_STEPS = ['征集', '审核中', '已确定', '公示中', '实施中', '已完成', '已评议'] as const;

const REPORT_AT: Record<string, number> = {
  submitted: 0,
  accepted: 1,
  in_progress: 2,
  resolved: 3,
  closed: 4,
  rejected: 0,
  duplicate: 0,
};
const PROJECT_AT: Record<string, number> = {
  collected: 0,
  reviewing: 1,
  approved: 2,
  publicised: 3,
  implementing: 4,
  completed: 5,
  evaluated: 6,
  reserve: 1,
  declined: 1,
};
const OFF = new Set(['rejected', 'duplicate', 'reserve', 'declined']);

export function stagePath(kind: CaseKind, status: string): StagePath {
  const steps = kind === 'report' ? REPORT_STEPS : PROJECT_STEPS;
  const at = (kind === 'report' ? REPORT_AT : PROJECT_AT)[status];
  return { steps, current: at ?? -1, off: OFF.has(status) };
}

/** the four groups of a community page, in the order residents follow a project */
export const PROJECT_GROUPS = [
  { title: '征集 / 审核', statuses: ['collected', 'reviewing'] },
  { title: '已确定 / 公示', statuses: ['approved', 'publicised'] },
  { title: '实施中', statuses: ['implementing'] },
  { title: '已完成 / 已评议', statuses: ['completed', 'evaluated'] },
] as const;
