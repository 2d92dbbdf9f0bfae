/**
 * The status keys and zh-CN labels of both lifecycles, for filters and colours. A copy of
 * reportStatuses / proposalStatuses in src/civic/lifecycle (which import the database layer and
 * cannot be bundled); tests/browser/console-statuses.test.ts fails when the two drift apart.
 */
export const REPORT_STATUSES = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '处理中',
  resolved: '已办结',
  closed: '已结案',
  rejected: '不予受理',
  duplicate: '已合并',
} as const;

export const PROPOSAL_STATUSES = {
  collected: '已征集',
  reviewing: '审核中',
  approved: '已确定',
  reserve: '备选库',
  declined: '不予采纳',
  publicised: '公示中',
  implementing: '实施中',
  completed: '已完成',
  evaluated: '已评议',
} as const;

export const KIND_LABELS = { report: '报修', proposal: '微实事' } as const;
export type Kind = keyof typeof KIND_LABELS;

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
};
export const statusColor = (status: string): string => COLORS[status] ?? 'default';

export function statusOptions(kind?: Kind): { label: string; value: string }[] {
  const pick = (o: Record<string, string>, prefix: string) => Object.entries(o).map(([value, label]) => ({ value, label: `${prefix}${label}` }));
  if (kind === 'report') return pick(REPORT_STATUSES, '');
  if (kind === 'proposal') return pick(PROPOSAL_STATUSES, '');
  return [...pick(REPORT_STATUSES, '报修 · '), ...pick(PROPOSAL_STATUSES, '微实事 · ')];
}
