/**
 * The status keys of both lifecycles, in the order the console lists them. The keys (and the types
 * derived from them) live here; the words residents read are in flows/civic.zh-CN.yaml `status:`.
 */
export const REPORT_STATUS_KEYS = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected', 'duplicate'] as const;
export type ReportStatus = (typeof REPORT_STATUS_KEYS)[number];

export const PROPOSAL_STATUS_KEYS = [
  'collected',
  'reviewing',
  'approved',
  'reserve',
  'declined',
  'publicised',
  'implementing',
  'completed',
  'evaluated',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUS_KEYS)[number];
