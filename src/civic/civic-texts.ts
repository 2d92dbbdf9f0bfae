import path from 'node:path';
import { PROPOSAL_STATUS_KEYS, REPORT_STATUS_KEYS } from './lifecycle/status-keys.js';
import { flowsDir, plain, type TextSpec, type TextsOf } from '../texts/text-spec.js';

/**
 * What flows/civic.zh-CN.yaml must hold: every key, and for each text the {{placeholders}} it uses
 * (all of them, and no other). See src/texts/text-spec.ts.
 */
export const civicTextSpec = {
  status: { report: plain(REPORT_STATUS_KEYS), proposal: plain(PROPOSAL_STATUS_KEYS) },
  kind: plain(['report', 'proposal']),
  notes: {
    transferred: ['department'],
    dissatisfied: ['comment'],
    autoClosed: ['days'],
  },
  errors: {
    caseNotFound: ['number'],
    staleStatus: [],
    illegalState: ['status', 'action'],
    unknownStatus: ['status'],
    illegalTransition: ['from', 'to'],
    actorNotAllowed: ['to'],
    moveNeeds: ['from', 'to', 'needs'],
    needsPublicNote: [],
    needsData: [],
    dueRequired: [],
    rejectReasonRequired: [],
    declineReasonRequired: [],
    acceptanceRequired: [],
    selfDuplicate: [],
    unknownDuplicateTarget: ['number'],
    badDuplicateTarget: ['number'],
    emptyNote: [],
    noteNotAuthor: [],
    emptyObjection: [],
    departmentRequired: [],
    transferStaffOnly: [],
    transferReportOnly: [],
    invalidInput: ['what', 'field'],
    wholeInput: [],
    communityRequired: [],
    unknownCommunity: [],
    communityNotFound: ['id'],
    sourceKeyRace: [],
    unknownCategory: ['category'],
    missingOpenid: [],
    supportNeedsReport: [],
    feedbackCommentRequired: [],
    feedbackNotReport: [],
    feedbackNotAuthor: [],
    feedbackNotResolved: [],
    ratingNotProject: [],
    ratingNotCompleted: [],
    ratingAlready: [],
  },
  inputWhat: plain(['report', 'proposal', 'milestone', 'feedback', 'rating']),
  actions: plain(['addNote', 'objection', 'transfer', 'milestone']),
  staff: {
    actions: {
      report: plain(['accepted', 'rejected', 'in_progress', 'resolved>in_progress', 'resolved', 'closed', 'duplicate']),
      proposal: plain(['reviewing', 'publicised>reviewing', 'approved', 'reserve', 'declined', 'publicised', 'implementing', 'completed', 'evaluated']),
    },
    needs: {
      report: plain(['accepted', 'rejected', 'resolved>in_progress', 'duplicate']),
      proposal: plain(['approved', 'declined', 'publicised', 'publicised>reviewing', 'completed']),
    },
    internal: { merged: ['number'] },
  },
} as const satisfies TextSpec;

export type CivicTexts = TextsOf<typeof civicTextSpec>;

export const civicTextsFile = path.join(flowsDir, 'civic.zh-CN.yaml');
