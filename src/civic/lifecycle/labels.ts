import { proposalStatuses, type ProposalStatus } from './proposal.js';
import { reportStatuses, type ReportStatus } from './report.js';
import type { CaseKind } from './types.js';

export type CaseStatus = ReportStatus | ProposalStatus;

/** The zh-CN label residents read for a status key; the key itself when unknown. */
export function statusLabel(kind: CaseKind, status: string): string {
  const labels: Record<string, string> = kind === 'report' ? reportStatuses : proposalStatuses;
  return labels[status] ?? status;
}

export function isStatusOf(kind: CaseKind, status: string): boolean {
  return Object.hasOwn(kind === 'report' ? reportStatuses : proposalStatuses, status);
}

export const kindLabel = (kind: CaseKind): string => (kind === 'report' ? '报修' : '微实事');
