import { statusAttrs, statusesInPhases, stepLabels, type CaseKind, type Phase } from '../civic/index.js';
import { GROUP_KEYS } from './public-texts.js';
import { publicTexts } from './texts.js';

/**
 * The stage indicator of a case page: the main path a case of its kind walks (the kind's `steps`),
 * and where it stands on it (the status's `step`). Statuses off the path (不予受理, 已合并, 备选库,
 * 不予采纳) stop at the last step they reached and carry a notice instead.
 */
export interface StagePath {
  steps: readonly string[];
  /** index of the current step; -1 when the kind has no such status */
  current: number;
  /** the case left the main path (rejected, duplicate, reserve, declined) */
  off: boolean;
}

export function stagePath(kind: CaseKind, status: string): StagePath {
  const a = statusAttrs(kind, status);
  return { steps: stepLabels(kind), current: a ? a.step : -1, off: a?.phase === 'off' };
}

/** the phases each group of a community page lists: the way 征集 → 确定 → 实施 → 完成 */
const GROUP_PHASES = {
  proposed: ['new'],
  confirmed: ['confirmed'],
  implementing: ['working'],
  done: ['done'],
} as const satisfies Record<(typeof GROUP_KEYS)[number], readonly Exclude<Phase, 'off'>[]>;

/** the kind a community page lists as its projects (民生微实事) */
export const PROJECT_KIND = 'proposal' satisfies CaseKind;

/** the four groups of a community page's projects, in the order residents follow a project */
export const PROJECT_GROUPS = GROUP_KEYS.map((k) => ({
  title: publicTexts.community.groups[k],
  statuses: statusesInPhases(PROJECT_KIND, GROUP_PHASES[k]),
}));
