/** The route table: method, path, permission (policy.ts), request and response schemas of every console route. */
import type { z } from 'zod';
import { auditListResponseSchema, auditQuerySchema, keywordReplyBodySchema, keywordReplyListResponseSchema, keywordReplyPatchSchema, keywordReplySchema } from './admin.js';
import * as A from './accounts.js';
import * as B from './budgets.js';
import * as C from './cases.js';
import * as D from './delivery.js';
import * as F from './figures.js';
import * as K from './council.js';
import { okSchema } from './common.js';
import * as I from './inbox.js';
import * as N from './intake.js';
import * as L from './lifecycles.js';
import * as M from './menu.js';
import * as O from './objections.js';
import * as P from './open311.js';
import type { Permission } from './policy.js';
import * as R from './reports.js';
import * as V from './voices.js';

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** relative to API_BASE, Koa-router style params */
  path: string;
  /** what the user must hold (policy.ts); 'public' = no session needed */
  permission: Permission | 'public';
  body?: z.ZodType;
  query?: z.ZodType;
  /** JSON response; absent for streams and files */
  response?: z.ZodType;
}

export const routes = {
  login: { method: 'POST', path: '/login', permission: 'public', body: A.loginBodySchema, response: A.sessionResponseSchema },
  logout: { method: 'POST', path: '/logout', permission: 'session', response: okSchema },
  me: { method: 'GET', path: '/me', permission: 'session', response: A.sessionResponseSchema },
  password: { method: 'POST', path: '/password', permission: 'session', body: A.passwordBodySchema, response: A.passwordResponseSchema },
  scope: { method: 'GET', path: '/scope', permission: 'session', response: A.scopeResponseSchema },
  /** every kind's statuses, labels, features and staff moves, from the civic tables */
  lifecycles: { method: 'GET', path: '/lifecycles', permission: 'session', response: L.lifecyclesResponseSchema },
  staffList: { method: 'GET', path: '/staff', permission: 'listStaff', query: A.staffListQuerySchema, response: A.staffListResponseSchema },
  staffCreate: { method: 'POST', path: '/staff', permission: 'manageStaff', body: A.staffCreateBodySchema, response: A.staffUserSchema },
  staffUpdate: { method: 'PATCH', path: '/staff/:id', permission: 'manageStaff', body: A.staffUpdateBodySchema, response: A.staffUserSchema },

  inboxList: { method: 'GET', path: '/inbox', permission: 'inbox', query: I.inboxListQuerySchema, response: I.inboxListResponseSchema },
  inboxStream: { method: 'GET', path: '/inbox/stream', permission: 'inbox' },
  cannedReplies: { method: 'GET', path: '/inbox/canned-replies', permission: 'inbox', response: I.cannedRepliesResponseSchema },
  inboxDetail: { method: 'GET', path: '/inbox/:id', permission: 'inbox', response: I.ticketDetailSchema },
  inboxClaim: { method: 'POST', path: '/inbox/:id/claim', permission: 'inbox', response: I.ticketResponseSchema },
  inboxAssign: { method: 'POST', path: '/inbox/:id/assign', permission: 'inbox', body: I.assignBodySchema, response: I.ticketResponseSchema },
  inboxReply: { method: 'POST', path: '/inbox/:id/reply', permission: 'inbox', body: I.replyBodySchema, response: I.replyResponseSchema },
  inboxNotify: { method: 'POST', path: '/inbox/:id/notify', permission: 'inbox', body: I.notifyBodySchema, response: I.notifyResponseSchema },
  inboxNote: { method: 'POST', path: '/inbox/:id/notes', permission: 'inbox', body: I.noteBodySchema, response: I.transcriptEntrySchema },
  inboxResolve: { method: 'POST', path: '/inbox/:id/resolve', permission: 'inbox', response: I.ticketResponseSchema },

  /** 渠道: what 新建事项 offers and every channel's label (config/channels.yaml) */
  channels: { method: 'GET', path: '/channels', permission: 'session', response: N.channelsResponseSchema },
  /** 新建事项: a case filed on a resident's behalf; its community must be in the user's scope (checked inside the civic operation); audited */
  caseCreate: { method: 'POST', path: '/cases', permission: 'transition', body: N.caseCreateBodySchema, response: N.caseCreateResponseSchema },
  /** a resident's voice (MP3): of a case in scope, or of a ticket in scope for inbox staff */
  voiceAudio: { method: 'GET', path: '/voices/:id/audio', permission: 'readCases' },
  /** staff correct the words of a voice (the machine's are kept); audited */
  voiceTranscript: { method: 'PATCH', path: '/voices/:id/transcript', permission: 'inbox', body: V.voiceTranscriptBodySchema, response: V.voiceSchema },

  caseList: { method: 'GET', path: '/cases', permission: 'readCases', query: C.caseListQuerySchema, response: C.caseListResponseSchema },
  caseExportCsv: { method: 'GET', path: '/cases/export.csv', permission: 'exportCases', query: C.caseListQuerySchema },
  caseExportXlsx: { method: 'GET', path: '/cases/export.xlsx', permission: 'exportCases', query: C.caseListQuerySchema },
  caseBulkTransition: { method: 'POST', path: '/cases/bulk-transition', permission: 'transition', body: C.bulkTransitionBodySchema, response: C.bulkTransitionResponseSchema },
  caseDetail: { method: 'GET', path: '/cases/:id', permission: 'readCases', response: C.caseDetailSchema },
  casePhoto: { method: 'GET', path: '/cases/:id/photos/:mediaId', permission: 'readCases' },
  /** 公开 / 隐藏 a photo on the public pages */
  casePhotoState: { method: 'PATCH', path: '/cases/:id/photos/:mediaId', permission: 'publish', body: C.photoStateBodySchema, response: C.casePhotoSchema },
  /** 公开文字: approve (and maybe edit) the words the public pages show of a report */
  casePublicText: { method: 'POST', path: '/cases/:id/public-text', permission: 'publish', body: C.publicTextBodySchema, response: C.publicTextSchema },
  caseTransition: { method: 'POST', path: '/cases/:id/transition', permission: 'transition', body: C.transitionBodySchema, response: C.transitionResponseSchema },
  caseAssign: { method: 'POST', path: '/cases/:id/assign', permission: 'transition', body: C.caseAssignBodySchema, response: C.eventResponseSchema },
  caseMerge: { method: 'POST', path: '/cases/:id/merge', permission: 'transition', body: C.mergeBodySchema, response: C.transitionResponseSchema },
  /** internal notes; a public one needs publicNote too (deputies comment only) */
  caseNote: { method: 'POST', path: '/cases/:id/notes', permission: 'comment', body: C.caseNoteBodySchema, response: C.eventResponseSchema },
  caseMilestone: { method: 'POST', path: '/cases/:id/milestones', permission: 'transition', body: C.milestoneBodySchema, response: C.eventResponseSchema },
  caseTransfer: { method: 'POST', path: '/cases/:id/transfer', permission: 'transition', body: C.transferBodySchema, response: C.eventResponseSchema },
  /** 改派社区: scope-checked on the case and the target inside the civic operation; audited */
  caseReassign: { method: 'POST', path: '/cases/:id/reassign', permission: 'transition', body: C.reassignBodySchema, response: C.eventResponseSchema },
  /** 资金来源: a line added, or one entered by mistake removed (kinds that keep funding) */
  caseFundingAdd: { method: 'POST', path: '/cases/:id/funding', permission: 'transition', body: C.fundingBodySchema, response: C.fundingResponseSchema },
  caseFundingRemove: { method: 'DELETE', path: '/cases/:id/funding/:fundingId', permission: 'transition', response: C.fundingRemovedSchema },
  /** a staff photo (shown on the public page at once): the raw image as the body, PHOTO_UPLOAD_TYPES, at most PHOTO_UPLOAD_MAX_BYTES */
  /** 公示异议 of a project, without who raised them */
  caseObjections: { method: 'GET', path: '/cases/:id/objections', permission: 'readCases', response: O.objectionListResponseSchema },
  /** 采纳 (back to review by the lifecycle's edge) or 不采纳 with a public reason; scope checked inside the operation; audited */
  caseObjectionAnswer: {
    method: 'POST',
    path: '/cases/:id/objections/:objectionId/answer',
    permission: 'transition',
    body: O.objectionAnswerBodySchema,
    response: O.objectionAnswerResponseSchema,
  },
  /** 主题分类 of a proposal: its theme and the account's list; set or cleared by staff (scope checked inside; audited) */
  caseTheme: { method: 'GET', path: '/cases/:id/theme', permission: 'readCases', response: F.caseThemeResponseSchema },
  caseThemeSet: { method: 'POST', path: '/cases/:id/theme', permission: 'transition', body: F.caseThemeBodySchema, response: F.caseThemeResponseSchema },
  casePhotoUpload: { method: 'POST', path: '/cases/:id/photos', permission: 'uploadPhotos', response: C.casePhotoSchema },

  /** 实施 and after: 实施信息, 验收, milestone photos, 第三方评估, the 满意度调查 tally and the three money figures of a project */
  caseDelivery: { method: 'GET', path: '/cases/:id/delivery', permission: 'readCases', response: D.deliveryPanelSchema },
  /** 实施信息 (implementer, contract, planned and actual dates): set or corrected; scope checked inside the civic operation; audited */
  caseDeliverySet: { method: 'POST', path: '/cases/:id/delivery', permission: 'transition', body: D.deliveryBodySchema, response: D.deliveryPanelSchema },
  /** 验收: passed or failed; a passed latest one lets the project move to 完成; audited */
  caseAcceptance: { method: 'POST', path: '/cases/:id/acceptances', permission: 'transition', body: D.acceptanceBodySchema, response: D.deliveryPanelSchema },
  /** 验收记录 as the raw body: DOCUMENT_UPLOAD_TYPES, at most DOCUMENT_UPLOAD_MAX_BYTES; audited */
  caseAcceptanceUpload: { method: 'POST', path: '/cases/:id/acceptances/:acceptanceId/document', permission: 'transition', response: D.deliveryPanelSchema },
  caseAcceptanceDocument: { method: 'GET', path: '/cases/:id/acceptances/:acceptanceId/document', permission: 'readCases' },
  /** a photo of a milestone already recorded, as the raw image (PHOTO_UPLOAD_TYPES); public at once; audited */
  caseMilestonePhoto: { method: 'POST', path: '/cases/:id/milestones/:milestoneId/photos', permission: 'transition', response: D.deliveryPanelSchema },
  /** 第三方评估 of a completed project (public); audited */
  caseEvaluation: { method: 'POST', path: '/cases/:id/evaluations', permission: 'transition', body: D.evaluationBodySchema, response: D.deliveryPanelSchema },
  /** 评估报告 as the raw body (DOCUMENT_UPLOAD_TYPES); public on the case page; audited */
  caseEvaluationUpload: { method: 'POST', path: '/cases/:id/evaluations/:evaluationId/report', permission: 'transition', response: D.deliveryPanelSchema },
  caseEvaluationReport: { method: 'GET', path: '/cases/:id/evaluations/:evaluationId/report', permission: 'readCases' },

  /** 居民议事会: the meetings of the communities in scope, the latest first */
  councilList: { method: 'GET', path: '/council/meetings', permission: 'readCouncil', query: K.councilListQuerySchema, response: K.councilListResponseSchema },
  /** one meeting deciding many proposals in ONE transaction (each by the lifecycle, scope checked inside); refused as a whole with each reason; audited */
  councilCreate: { method: 'POST', path: '/council/meetings', permission: 'council', body: K.councilMeetingBodySchema, response: K.councilMeetingResponseSchema },
  /** what a meeting of the community may decide: its proposals in 征集 / 审核 with their support */
  councilCandidates: { method: 'GET', path: '/council/candidates', permission: 'council', query: K.councilCandidatesQuerySchema, response: K.councilCandidatesResponseSchema },
  councilMeeting: { method: 'GET', path: '/council/meetings/:id', permission: 'readCouncil', response: K.councilMeetingDetailSchema },
  /** the minutes as the raw body: MINUTES_UPLOAD_TYPES, at most MINUTES_UPLOAD_MAX_BYTES; audited */
  councilMinutesUpload: { method: 'POST', path: '/council/meetings/:id/minutes', permission: 'council', response: K.councilMinutesResponseSchema },
  councilMinutes: { method: 'GET', path: '/council/meetings/:id/minutes', permission: 'readCouncil' },

  /** 年度预算: the envelopes of the streets in scope for a year, with what approving spent and what is left */
  budgetEnvelopes: { method: 'GET', path: '/budgets/envelopes', permission: 'readBudgets', query: B.envelopeListQuerySchema, response: B.envelopeListResponseSchema },
  /** sets a community's envelope of a year, or the street's own (street managers for their street; audited) */
  budgetEnvelopeSet: { method: 'POST', path: '/budgets/envelopes', permission: 'budgets', body: B.envelopeBodySchema, response: B.envelopeSchema },
  /** 批次: the batches of the streets in scope, the latest first */
  batchList: { method: 'GET', path: '/budgets/batches', permission: 'readBudgets', query: B.batchListQuerySchema, response: B.batchListResponseSchema },
  /** a new batch of the street's year, numbered after the last (audited) */
  batchCreate: { method: 'POST', path: '/budgets/batches', permission: 'budgets', body: B.batchBodySchema, response: B.batchSchema },
  batchDetail: { method: 'GET', path: '/budgets/batches/:id', permission: 'readBudgets', response: B.batchDetailSchema },
  /** approved proposals of the street put into the batch, all or none (scope checked inside on each; audited) */
  batchAddCases: { method: 'POST', path: '/budgets/batches/:id/cases', permission: 'budgets', body: B.batchCasesBodySchema, response: B.batchCasesResponseSchema },
  /** a proposal taken out of a batch not yet published (scope checked inside; audited) */
  batchRemoveCase: { method: 'DELETE', path: '/budgets/batches/:id/cases/:caseId', permission: 'budgets', response: okSchema },
  /** 公布: the batch and its proposals public together, one push per proposer and supporter (audited) */
  batchPublish: { method: 'POST', path: '/budgets/batches/:id/publish', permission: 'budgets', body: B.batchPublishBodySchema, response: B.batchPublishResponseSchema },

  deadlines: { method: 'GET', path: '/deadlines', permission: 'reports', query: R.deadlinesQuerySchema, response: R.deadlinesResponseSchema },
  /** 督办: a note on the staff timeline, an audit row and a staff alert; scope checked inside the operation */
  caseSupervise: { method: 'POST', path: '/cases/:id/supervise', permission: 'supervise', body: R.superviseBodySchema, response: R.superviseResponseSchema },
  dashboard: { method: 'GET', path: '/dashboard', permission: 'reports', query: R.dashboardQuerySchema, response: R.dashboardResponseSchema },
  /** 报表: the year's proposals per street / community by type, theme or batch, and the same table as CSV and Excel (audited) */
  figures: { method: 'GET', path: '/figures', permission: 'reports', query: F.figuresQuerySchema, response: F.figuresResponseSchema },
  figuresExportCsv: { method: 'GET', path: '/figures/export.csv', permission: 'reports', query: F.figuresQuerySchema },
  figuresExportXlsx: { method: 'GET', path: '/figures/export.xlsx', permission: 'reports', query: F.figuresQuerySchema },

  keywordList: { method: 'GET', path: '/keyword-replies', permission: 'keywordReplies', response: keywordReplyListResponseSchema },
  keywordCreate: { method: 'POST', path: '/keyword-replies', permission: 'keywordReplies', body: keywordReplyBodySchema, response: keywordReplySchema },
  keywordUpdate: { method: 'PATCH', path: '/keyword-replies/:id', permission: 'keywordReplies', body: keywordReplyPatchSchema, response: keywordReplySchema },
  keywordDelete: { method: 'DELETE', path: '/keyword-replies/:id', permission: 'keywordReplies', response: okSchema },

  audit: { method: 'GET', path: '/audit', permission: 'audit', query: auditQuerySchema, response: auditListResponseSchema },

  /** Open311 API keys of partner systems: the list (never a key), a new one (its key shown once), revoking one; audited */
  open311KeyList: { method: 'GET', path: '/open311-keys', permission: 'open311Keys', response: P.open311KeyListResponseSchema },
  open311KeyCreate: { method: 'POST', path: '/open311-keys', permission: 'open311Keys', body: P.open311KeyBodySchema, response: P.open311KeyCreatedSchema },
  open311KeyRevoke: { method: 'POST', path: '/open311-keys/:id/revoke', permission: 'open311Keys', response: P.open311KeySchema },

  /** the official account's menu (自定义菜单): versions, saving, publishing to WeChat */
  menuState: { method: 'GET', path: '/menu', permission: 'menu', response: M.menuStateResponseSchema },
  menuSave: { method: 'POST', path: '/menu/versions', permission: 'menu', body: M.menuSaveBodySchema, response: M.menuSaveResponseSchema },
  menuPublish: { method: 'POST', path: '/menu/versions/:id/publish', permission: 'menu', response: M.menuPublishResponseSchema },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;
/** the parsed request body of a route */
export type BodyOf<R extends RouteName> = (typeof routes)[R] extends { body: infer B extends z.ZodType } ? z.input<B> : never;
/** the JSON response of a route */
export type ResponseOf<R extends RouteName> = (typeof routes)[R] extends { response: infer S extends z.ZodType } ? z.infer<S> : never;
