import { proposalStatuses, type ProposalStatus } from './proposal.js';
import { reportStatuses, type ReportStatus } from './report.js';
import { civicTexts } from '../texts.js';
import type { CaseKind } from './types.js';

export type CaseStatus = ReportStatus | ProposalStatus;

/** The zh-CN label residents read for a status key (flows/civic.zh-CN.yaml); the key itself when unknown. */
export function statusLabel(kind: CaseKind, status: string): string {
  const labels: Record<string, string> = kind === 'report' ? reportStatuses : proposalStatuses;
  return Object.hasOwn(labels, status) ? labels[status]! : status;
}

export function isStatusOf(kind: CaseKind, status: string): boolean {
  return Object.hasOwn(kind === 'report' ? reportStatuses : proposalStatuses, status);
}

/** 报修 or 微实事 (flows/civic.zh-CN.yaml `kind`) */
export const kindLabel = (kind: CaseKind): string => civicTexts.kind[kind];
