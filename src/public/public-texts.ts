import path from 'node:path';
import { flowsDir, plain, type TextSpec, type TextsOf } from '../texts/text-spec.js';

export const GROUP_KEYS = ['proposed', 'confirmed', 'implementing', 'done'] as const;

/** What flows/public.zh-CN.yaml must hold (see src/texts/text-spec.ts). */
export const publicTextSpec = {
  common: {
    pageTitle: ['title'],
    header: [],
    footer: [],
    numbered: ['number'],
    allProjects: ['community'],
    dateRange: ['start', 'end'],
    lookupWord: [],
    lookupExample: [],
    handoffWord: [],
  },
  errors: {
    ...plain(['notFoundTitle', 'badRequestTitle', 'badCaseNumber', 'badPhotoAddress', 'photoNotFound', 'communityNotFound', 'publicityLink']),
    caseNotFound: ['number'],
    lookupHint: ['lookup'],
  },
  stages: { current: [], label: [] },
  case: {
    state: ['status'],
    merged: ['link'],
    refused: ['status', 'reason'],
    refusedNoReason: ['status'],
    overdue: ['date'],
    textPending: [],
    facts: {
      ...plain(['title', 'number', 'category', 'community', 'location', 'beneficiaries', 'created', 'due', 'onTime', 'late', 'supporters', 'support']),
      communityValue: ['community', 'street'],
      supportersValue: ['count'],
      supportValue: ['count'],
    },
    /** 征集: support goes through the bot, never a form that collects identity on the web */
    supportHow: ['number'],
    budget: plain(['title', 'estimated', 'approved', 'spent', 'unsettled', 'batch', 'publicity']),
    progress: { title: [], done: ['percent'], milestone: ['percent'] },
    rating: { title: [], none: [], average: ['average', 'count'] },
    objections: { ...plain(['title', 'none', 'open', 'accepted', 'rejected', 'superseded']), how: ['number'], ended: ['date'], answer: ['answer'] },
    funding: { ...plain(['title', 'total']), line: ['source', 'money'], lineNamed: ['source', 'funder', 'money'] },
    value: plain(['title', 'estimated', 'given', 'claimer']),
    photos: { title: ['count'], tapHint: [], review: [], altStaff: ['n'], altResident: ['n'] },
    timeline: { ...plain(['title', 'empty', 'created', 'milestoneNoPercent', 'transferred', 'note', 'other']), milestone: ['percent'] },
  },
  community: {
    intro: [],
    publicityLink: ['count'],
    projectsTitle: ['year'],
    reportsTitle: ['year'],
    projects: ['count'],
    reports: ['count'],
    figures: plain(['collected', 'confirmed', 'implemented', 'completed', 'received', 'resolved', 'resolvedOnTime', 'open']),
    money: plain(['requested', 'approved', 'spent', 'estimated']),
    onTimeRate: ['percent'],
    others: ['reserve', 'declined'],
    fundingLine: ['sources'],
    fundingPart: ['source', 'money'],
    wishesTitle: ['year'],
    wishes: ['count'],
    wishFigures: plain(['posted', 'claimed', 'fulfilled']),
    wishValue: ['money'],
    wishWall: [],
    groups: plain(GROUP_KEYS),
    groupTitle: ['title', 'count'],
    empty: [],
    more: ['count'],
    inPublicity: ['range'],
    progress: ['percent'],
  },
  publicity: {
    ...plain(['heading', 'intro', 'empty', 'lastDay', 'howTitle']),
    headingCommunity: ['community'],
    sectionTitle: ['community', 'count'],
    approvedBudget: ['money'],
    period: ['range', 'left'],
    daysLeft: ['n'],
    howObject: ['handoff'],
    howLookup: ['lookup', 'example'],
  },
  wishes: {
    ...plain(['heading', 'intro', 'open', 'claimed', 'done', 'empty', 'claimLink', 'allWishes']),
    headingCommunity: ['community'],
    groupTitle: ['title', 'count'],
    forWhom: ['who'],
    value: ['money'],
    claimedBy: ['claimer'],
  },
  claim: {
    ...plain(['intro', 'claimerName', 'claimerType', 'contactName', 'contactPhone', 'note', 'submit', 'invalidPhone', 'notClaimable', 'busy', 'badForm', 'doneTitle']),
    heading: ['title'],
    types: plain(['company', 'organisation', 'volunteer', 'individual']),
    invalid: ['field'],
    done: ['title'],
  },
  funding: plain(['government', 'social', 'residents', 'in_kind']),
} as const satisfies TextSpec;

export type PublicTexts = TextsOf<typeof publicTextSpec>;

export const publicTextsFile = path.join(flowsDir, 'public.zh-CN.yaml');
