import type { CaseKind } from '../civic/index.js';
import { GROUP_KEYS, PROJECT_STEPS, REPORT_STEPS } from './public-texts.js';
import { publicTexts } from './texts.js';

/**
 * The stage indicator of a case page: the main path a case walks, and where it stands on it.
 * Statuses off the path (不予受理, 已合并, 备选库, 不予采纳) stop at the last stage they reached
 * and carry a notice instead. The steps' words are in flows/public.zh-CN.yaml `stages:`.
 */
export interface StagePath {
  steps: readonly string[];
  /** index of the current step; -1 when the case has left the path before the first step */
  current: number;
  /** the case left the main path (rejected, duplicate, reserve, declined) */
  off: boolean;
}

const REPORT_LABELS = REPORT_STEPS.map((s) => publicTexts.stages.report[s]);
const PROJECT_LABELS = PROJECT_STEPS.map((s) => publicTexts.stages.proposal[s]);

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
  const steps = kind === 'report' ? REPORT_LABELS : PROJECT_LABELS;
  const at = (kind === 'report' ? REPORT_AT : PROJECT_AT)[status];
  return { steps, current: at ?? -1, off: OFF.has(status) };
}

const GROUP_STATUSES = {
  proposed: ['collected', 'reviewing'],
  confirmed: ['approved', 'publicised'],
  implementing: ['implementing'],
  done: ['completed', 'evaluated'],
} as const satisfies Record<(typeof GROUP_KEYS)[number], readonly string[]>;

/** the four groups of a community page, in the order residents follow a project */
export const PROJECT_GROUPS = GROUP_KEYS.map((k) => ({ title: publicTexts.community.groups[k], statuses: GROUP_STATUSES[k] }));
