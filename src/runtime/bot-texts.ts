import path from 'node:path';
import { flowsDir, loadTextFile, plain, type TextSpec, type TextsOf } from '../texts/text-spec.js';

export { fill, flowsDir } from '../texts/text-spec.js';

/**
 * What flows/bot.zh-CN.yaml must hold: every text the runtime says outside a flow, with the
 * {{placeholders}} each uses (see src/texts/text-spec.ts), so a `{{numbr}}` typo stops the start
 * and `npm run flows:check` instead of reaching residents as it is written.
 */
export const botTextSpec = {
  ...plain(['help', 'helpShort', 'busy', 'welcome', 'rateLimited', 'mediaUnsupported', 'voiceOutsideFlow']),
  welcomeCommunity: ['community'],
  welcomeScene: ['community'],
  // 查询 N
  caseHeader: ['kind', 'number', 'title'],
  dangerWarning: ['danger'],
  caseStatus: ['status'],
  caseCommunity: ['community'],
  caseTheme: ['theme'],
  caseDue: ['date'],
  caseReason: ['reason'],
  caseMergedInto: ['target'],
  caseBudget: ['money'],
  caseValue: ['money'],
  caseClaimer: ['claimer'],
  caseProgress: ['percent'],
  caseRating: ['average', 'count'],
  caseTimelineTitle: [],
  caseTimelineLine: ['date', 'text'],
  caseLink: ['url'],
  caseSupport: ['count'],
  caseSupportHint: ['number'],
  caseNotFound: ['number'],
  caseFollowHint: ['number'],
  caseFollowing: [],
  lookupUsage: [],
  // 我的
  mineHeader: ['count'],
  mineLine: ['number', 'title', 'status'],
  ...plain(['mineFooter', 'mineEmpty']),
  mineTap: ['number'],
  // 订阅 / 退订
  subscribed: ['number'],
  alreadyAuthor: ['number'],
  unsubscribed: ['number'],
  notSubscribed: ['number'],
  // 支持 N (a proposal during 征集)
  supported: ['number', 'count'],
  supportAlready: ['number', 'count'],
  supportOwn: ['number'],
  supportClosed: ['number', 'status'],
  supportNotProposal: ['number'],
  subscribedCommunity: ['community'],
  unsubscribedCommunity: [],
  needCommunity: ['example'],
  needCommunityNoExample: [],
  // 认领
  claimHeader: [],
  claimLine: ['number', 'title', 'detail'],
  claimDetail: ['parts'],
  claimFor: ['who'],
  claimValue: ['money'],
  ...plain(['claimFooter', 'claimNone']),
  claimFooterWall: ['url'],
  claimNoneWall: ['url'],
  claimHow: ['number', 'title', 'url'],
  claimHowNoPage: ['number', 'title'],
  claimNotOpen: ['number'],
  communityBound: ['community'],
  // 我的社区, 我住在同乐
  homeShow: ['community', 'street'],
  homeNone: ['example'],
  homeSet: ['community', 'street'],
  homeUnknown: ['example'],
  homeWhich: ['names'],
  // 公示, 统计
  publicityHeader: ['community'],
  publicityLine: ['number', 'title', 'type', 'money', 'end'],
  publicityEmpty: ['community'],
  publicityFooter: [],
  statsText: ['scope', 'year', 'collected', 'confirmed', 'approved', 'implemented', 'completed', 'spent', 'received', 'resolved'],
  // 人工, held updates, the rest
  handoffQueued: ['from', 'to'],
  handoffQueuedOffDuty: ['when', 'from', 'to'],
  handoffAlreadyOffDuty: ['when'],
  handoffOffDutyNote: ['when', 'from', 'to'],
  dutyToday: ['time'],
  dutyTomorrow: ['time'],
  dutyOn: ['date', 'time'],
  ...plain(['handoffAlready', 'handoffEnded', 'handoffNone', 'handoffClosedIdle', 'rateService', 'rateServiceThanks']),
  ...plain(['rateSatisfied', 'rateFair', 'rateUnsatisfied']),
  heldUpdates: ['count'],
  heldUpdateLine: ['number', 'title', 'status'],
  heldNoteLine: ['note'],
  heldAskFeedback: ['number'],
  ...plain(['feedbackYes', 'feedbackNo']),
  ...plain(['cancelNothing', 'flowUnavailable']),
  photoOutsideFlow: [],
  photoFailed: [],
  photoAfterSubmit: ['number', 'choices'],
  photoAddYes: ['number'],
  photoAddNo: [],
  // 异议 N (公示异议): what the receipt says, and why a case takes none now
  objectionThanks: ['number'],
  objectionNotProject: ['number'],
  objectionBefore: ['number'],
  objectionEnded: ['number', 'end'],
  objectionTooLong: ['count', 'max'],
  // 满意 N / 基本满意 N / 不满意 N 理由 (满意度调查): the receipt, with the answer in words
  surveyThanks: ['number', 'answer'],
  surveyChanged: ['number', 'answer'],
  /** a bare 满意 while several projects' surveys wait: {{numbers}} #12、#15, {{number}} the newest */
  surveyWhich: ['numbers', 'number'],
  surveySatisfied: [],
  surveyFair: [],
  surveyDissatisfied: [],
  // the answer to a rating
  ratingThanks: ['number', 'score', 'average', 'count'],
  // 绑定手机号: the one-time code, and what binding found (cases staff filed for that number)
  ...plain(['bindUsage', 'bindBadPhone', 'bindLocked', 'bindExpired', 'bindNone']),
  bindCode: ['phone', 'code', 'minutes'],
  bindCodeSent: ['phone', 'minutes'],
  bindWrong: ['left'],
  bindDone: ['phone'],
  bindFound: ['count'],
  // 改 with no flow going on (the 点这里改 of an earlier reply, tapped after the report was filed)
  changeOutsideFlow: [],
} as const satisfies TextSpec;

export type BotTexts = TextsOf<typeof botTextSpec>;

export const botTextsFile = path.join(flowsDir, 'bot.zh-CN.yaml');

/**
 * The runtime's own texts (help menu, busy notice …) from flows/bot.zh-CN.yaml; a missing text or
 * a bad placeholder throws, naming the file and the key, so it fails the start, not a chat.
 */
export function loadBotTexts(file = botTextsFile): BotTexts {
  return loadTextFile(botTextSpec, file);
}
