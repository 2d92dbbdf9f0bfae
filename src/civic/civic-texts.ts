import path from 'node:path';
import { flowsDir, plain, type TextSpec, type TextsOf } from '../texts/text-spec.js';

/**
 * What flows/civic.zh-CN.yaml must hold (the words of each case kind are in kinds.zh-CN.yaml, see
 * kinds/kind-texts.ts): every key, and for each text the {{placeholders}} it uses
 * (all of them, and no other). See src/texts/text-spec.ts.
 */
export const civicTextSpec = {
  notes: {
    transferred: ['department'],
    reassigned: ['community'],
    dissatisfied: ['comment'],
    autoClosed: ['days'],
    claimed: ['claimer'],
    supportMilestone: ['count'],
  },
  errors: {
    caseNotFound: ['number'],
    staleStatus: [],
    illegalState: ['status', 'action'],
    unknownStatus: ['status'],
    illegalTransition: ['from', 'action'],
    notYet: ['from', 'action'],
    moveTo: ['to'],
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
    photosNotAuthor: [],
    emptyObjection: [],
    departmentRequired: [],
    transferStaffOnly: [],
    sameCommunity: [],
    reassignOutOfScope: [],
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
    unknownClaim: ['id'],
    notClaimable: ['number'],
    tooManyClaims: [],
    noFunding: [],
    fundingNotFound: [],
    milestoneRepeated: [],
    publicityTooShort: ['days', 'start', 'end'],
    publicityNotOver: ['end'],
    supervisionNoteRequired: [],
    objectionsOpen: ['count'],
    objectionClosed: [],
    objectionAnswerRequired: [],
    objectionNotFound: [],
    objectionAnswered: [],
  },
  objection: {
    acceptedNote: [],
    acceptedEvent: ['answer'],
    rejectedEvent: ['answer'],
    acceptedPush: ['answer'],
    rejectedPush: ['answer'],
    supersededAnswer: [],
    supersededPush: [],
  },
  inputWhat: plain(['report', 'proposal', 'wish', 'claim', 'funding', 'milestone', 'feedback', 'rating']),
  actions: plain(['addNote', 'addPhotos', 'objection', 'transfer', 'milestone', 'reassign', 'supervise']),
  staff: {
    internal: { merged: ['number'], reworded: ['title', 'description'], residentPhotos: ['n'] },
  },
} as const satisfies TextSpec;

export type CivicTexts = TextsOf<typeof civicTextSpec>;

export const civicTextsFile = path.join(flowsDir, 'civic.zh-CN.yaml');
