/** The route table: method, path, roles, request and response schemas of every console route. */
import type { z } from 'zod';
import { auditListResponseSchema, auditQuerySchema, keywordReplyBodySchema, keywordReplyListResponseSchema, keywordReplyPatchSchema, keywordReplySchema } from './admin.js';
import * as A from './accounts.js';
import * as C from './cases.js';
import { okSchema, ROLES, type Role } from './common.js';
import * as I from './inbox.js';
import * as L from './lifecycles.js';
import * as M from './menu.js';
import * as R from './reports.js';

const ALL: readonly Role[] = ROLES;
const STAFF: readonly Role[] = ['admin', 'street', 'community'];
const MANAGERS: readonly Role[] = ['admin', 'street'];
const ADMIN: readonly Role[] = ['admin'];

export interface RouteSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** relative to API_BASE, Koa-router style params */
  path: string;
  /** 'public' = no session needed */
  roles: readonly Role[] | 'public';
  body?: z.ZodType;
  query?: z.ZodType;
  /** JSON response; absent for streams and files */
  response?: z.ZodType;
}

export const routes = {
  login: { method: 'POST', path: '/login', roles: 'public', body: A.loginBodySchema, response: A.sessionResponseSchema },
  logout: { method: 'POST', path: '/logout', roles: ALL, response: okSchema },
  me: { method: 'GET', path: '/me', roles: ALL, response: A.sessionResponseSchema },
  password: { method: 'POST', path: '/password', roles: ALL, body: A.passwordBodySchema, response: A.passwordResponseSchema },
  scope: { method: 'GET', path: '/scope', roles: ALL, response: A.scopeResponseSchema },
  /** every kind's statuses, labels, features and staff moves, from the civic tables */
  lifecycles: { method: 'GET', path: '/lifecycles', roles: ALL, response: L.lifecyclesResponseSchema },
  staffList: { method: 'GET', path: '/staff', roles: STAFF, query: A.staffListQuerySchema, response: A.staffListResponseSchema },
  staffCreate: { method: 'POST', path: '/staff', roles: ADMIN, body: A.staffCreateBodySchema, response: A.staffUserSchema },
  staffUpdate: { method: 'PATCH', path: '/staff/:id', roles: ADMIN, body: A.staffUpdateBodySchema, response: A.staffUserSchema },

  inboxList: { method: 'GET', path: '/inbox', roles: STAFF, query: I.inboxListQuerySchema, response: I.inboxListResponseSchema },
  inboxStream: { method: 'GET', path: '/inbox/stream', roles: STAFF },
  cannedReplies: { method: 'GET', path: '/inbox/canned-replies', roles: STAFF, response: I.cannedRepliesResponseSchema },
  inboxDetail: { method: 'GET', path: '/inbox/:id', roles: STAFF, response: I.ticketDetailSchema },
  inboxClaim: { method: 'POST', path: '/inbox/:id/claim', roles: STAFF, response: I.ticketResponseSchema },
  inboxAssign: { method: 'POST', path: '/inbox/:id/assign', roles: STAFF, body: I.assignBodySchema, response: I.ticketResponseSchema },
  inboxReply: { method: 'POST', path: '/inbox/:id/reply', roles: STAFF, body: I.replyBodySchema, response: I.replyResponseSchema },
  inboxNotify: { method: 'POST', path: '/inbox/:id/notify', roles: STAFF, body: I.notifyBodySchema, response: I.notifyResponseSchema },
  inboxNote: { method: 'POST', path: '/inbox/:id/notes', roles: STAFF, body: I.noteBodySchema, response: I.transcriptEntrySchema },
  inboxResolve: { method: 'POST', path: '/inbox/:id/resolve', roles: STAFF, response: I.ticketResponseSchema },

  caseList: { method: 'GET', path: '/cases', roles: ALL, query: C.caseListQuerySchema, response: C.caseListResponseSchema },
  caseExportCsv: { method: 'GET', path: '/cases/export.csv', roles: ALL, query: C.caseListQuerySchema },
  caseExportXlsx: { method: 'GET', path: '/cases/export.xlsx', roles: ALL, query: C.caseListQuerySchema },
  caseBulkTransition: { method: 'POST', path: '/cases/bulk-transition', roles: STAFF, body: C.bulkTransitionBodySchema, response: C.bulkTransitionResponseSchema },
  caseDetail: { method: 'GET', path: '/cases/:id', roles: ALL, response: C.caseDetailSchema },
  casePhoto: { method: 'GET', path: '/cases/:id/photos/:mediaId', roles: ALL },
  /** 公开 / 隐藏 a photo on the public pages */
  casePhotoState: { method: 'PATCH', path: '/cases/:id/photos/:mediaId', roles: STAFF, body: C.photoStateBodySchema, response: C.casePhotoSchema },
  /** 公开文字: approve (and maybe edit) the words the public pages show of a report */
  casePublicText: { method: 'POST', path: '/cases/:id/public-text', roles: STAFF, body: C.publicTextBodySchema, response: C.publicTextSchema },
  caseTransition: { method: 'POST', path: '/cases/:id/transition', roles: STAFF, body: C.transitionBodySchema, response: C.transitionResponseSchema },
  caseAssign: { method: 'POST', path: '/cases/:id/assign', roles: STAFF, body: C.caseAssignBodySchema, response: C.eventResponseSchema },
  caseMerge: { method: 'POST', path: '/cases/:id/merge', roles: STAFF, body: C.mergeBodySchema, response: C.transitionResponseSchema },
  /** deputies may add internal notes (comments) only */
  caseNote: { method: 'POST', path: '/cases/:id/notes', roles: ALL, body: C.caseNoteBodySchema, response: C.eventResponseSchema },
  caseMilestone: { method: 'POST', path: '/cases/:id/milestones', roles: STAFF, body: C.milestoneBodySchema, response: C.eventResponseSchema },
  caseTransfer: { method: 'POST', path: '/cases/:id/transfer', roles: STAFF, body: C.transferBodySchema, response: C.eventResponseSchema },
  /** 改派社区: scope-checked on the case and the target inside the civic operation; audited */
  caseReassign: { method: 'POST', path: '/cases/:id/reassign', roles: STAFF, body: C.reassignBodySchema, response: C.eventResponseSchema },
  /** 资金来源: a line added, or one entered by mistake removed (kinds that keep funding) */
  caseFundingAdd: { method: 'POST', path: '/cases/:id/funding', roles: STAFF, body: C.fundingBodySchema, response: C.fundingResponseSchema },
  caseFundingRemove: { method: 'DELETE', path: '/cases/:id/funding/:fundingId', roles: STAFF, response: C.fundingRemovedSchema },
  /** a staff photo (shown on the public page at once): the raw image as the body, PHOTO_UPLOAD_TYPES, at most PHOTO_UPLOAD_MAX_BYTES */
  casePhotoUpload: { method: 'POST', path: '/cases/:id/photos', roles: STAFF, response: C.casePhotoSchema },

  deadlines: { method: 'GET', path: '/deadlines', roles: ALL, query: R.deadlinesQuerySchema, response: R.deadlinesResponseSchema },
  /** 督办: a note on the staff timeline, an audit row and a staff alert; scope checked inside the operation */
  caseSupervise: { method: 'POST', path: '/cases/:id/supervise', roles: ['admin', 'street'], body: R.superviseBodySchema, response: R.superviseResponseSchema },
  dashboard: { method: 'GET', path: '/dashboard', roles: ALL, query: R.dashboardQuerySchema, response: R.dashboardResponseSchema },

  keywordList: { method: 'GET', path: '/keyword-replies', roles: MANAGERS, response: keywordReplyListResponseSchema },
  keywordCreate: { method: 'POST', path: '/keyword-replies', roles: MANAGERS, body: keywordReplyBodySchema, response: keywordReplySchema },
  keywordUpdate: { method: 'PATCH', path: '/keyword-replies/:id', roles: MANAGERS, body: keywordReplyPatchSchema, response: keywordReplySchema },
  keywordDelete: { method: 'DELETE', path: '/keyword-replies/:id', roles: MANAGERS, response: okSchema },

  audit: { method: 'GET', path: '/audit', roles: ADMIN, query: auditQuerySchema, response: auditListResponseSchema },

  /** the official account's menu (自定义菜单): versions, saving, publishing to WeChat */
  menuState: { method: 'GET', path: '/menu', roles: ADMIN, response: M.menuStateResponseSchema },
  menuSave: { method: 'POST', path: '/menu/versions', roles: ADMIN, body: M.menuSaveBodySchema, response: M.menuSaveResponseSchema },
  menuPublish: { method: 'POST', path: '/menu/versions/:id/publish', roles: ADMIN, response: M.menuPublishResponseSchema },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;
/** the parsed request body of a route */
export type BodyOf<R extends RouteName> = (typeof routes)[R] extends { body: infer B extends z.ZodType } ? z.input<B> : never;
/** the JSON response of a route */
export type ResponseOf<R extends RouteName> = (typeof routes)[R] extends { response: infer S extends z.ZodType } ? z.infer<S> : never;
