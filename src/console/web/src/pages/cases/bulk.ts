import type { TransitionField } from './fields.js';
import { PROPOSAL_STATUSES, REPORT_STATUSES, type Kind } from '../../statuses.js';

/**
 * Targets offered for bulk moves and the fields each needs — the same needs as the lifecycles in
 * src/civic/lifecycle (report.ts, proposal.ts). The server checks every case again and answers per
 * case, so a case that cannot make the move is reported, not forced.
 */
const REPORT_TARGETS: Record<string, TransitionField[]> = {
  accepted: [
    { name: 'assignee', type: 'text', label: '承办人', required: true },
    { name: 'dueAt', type: 'date', label: '办理时限', required: false },
  ],
  in_progress: [],
  resolved: [],
  closed: [],
  rejected: [{ name: 'reason', type: 'text', label: '不予受理理由', required: false }],
  duplicate: [{ name: 'duplicateOf', type: 'case', label: '合并到（编号）', required: true }],
};
const PROPOSAL_TARGETS: Record<string, TransitionField[]> = {
  reviewing: [],
  reserve: [],
  declined: [{ name: 'reason', type: 'text', label: '不予采纳理由', required: false }],
  approved: [
    { name: 'approvedCost', type: 'money', label: '确定经费', required: true },
    { name: 'batch', type: 'text', label: '批次', required: true },
  ],
  publicised: [
    { name: 'publicityStart', type: 'date', label: '公示开始', required: true },
    { name: 'publicityEnd', type: 'date', label: '公示结束', required: true },
  ],
  implementing: [],
  completed: [
    { name: 'actualCost', type: 'money', label: '实际支出', required: true },
    { name: 'acceptanceNote', type: 'text', label: '验收说明', required: false },
  ],
  evaluated: [],
};

export function bulkTargets(kinds: Set<Kind>): { value: string; label: string; fields: TransitionField[] }[] {
  const out: { value: string; label: string; fields: TransitionField[] }[] = [];
  if (kinds.has('report'))
    for (const [to, fields] of Object.entries(REPORT_TARGETS))
      out.push({ value: to, label: `${kinds.size > 1 ? '报修 · ' : ''}${REPORT_STATUSES[to as keyof typeof REPORT_STATUSES]}`, fields });
  if (kinds.has('proposal'))
    for (const [to, fields] of Object.entries(PROPOSAL_TARGETS))
      out.push({ value: to, label: `${kinds.size > 1 ? '微实事 · ' : ''}${PROPOSAL_STATUSES[to as keyof typeof PROPOSAL_STATUSES]}`, fields });
  return out;
}
