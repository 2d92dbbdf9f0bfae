/**
 * The staff console's HTTP contract: every route under /api/console with its roles, and the zod
 * schemas of its request (body or query) and response. The SPA (src/console/web) builds against
 * this file; the server parses every request with the same schemas. Extend, never rename.
 *
 * Conventions
 * - JSON in and out (`application/json; charset=utf-8`); dates are ISO-8601 strings (UTC).
 * - Money is in fen (分, integers) in JSON; the exports show 元.
 * - Errors: the status code plus a short zh-CN message as text/plain (the service's one error
 *   middleware): 400 bad input, 401 not logged in, 403 not allowed / out of scope / CSRF,
 *   404 unknown, 409 conflict (stale status, closed WeChat window), 423 never (a locked account
 *   is 429 with the minutes to wait), 429 too many attempts.
 * - Every state-changing request (POST/PATCH/DELETE, except login) carries the header
 *   `X-CSRF-Token: <csrfToken>` from the login answer or `GET /me`; missing or wrong → 403.
 * - The session is an HttpOnly, SameSite=Strict cookie `msw_console` (Secure on https).
 */
import { z } from 'zod';

export const ROLES = ['admin', 'street', 'community', 'deputy'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);
export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', street: '街道', community: '社区', deputy: '人大代表' };

export const CSRF_HEADER = 'X-CSRF-Token';
export const SESSION_COOKIE = 'msw_console';
export const API_BASE = '/api/console';
export const PASSWORD_MIN_LENGTH = 10;

const iso = z.string();
const id = z.coerce.number().int().positive().max(2_147_483_647);
const nonEmpty = z.string().trim().min(1);
/** query flags: true/1 or false/0 */
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const page = z.coerce.number().int().min(1).max(100_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(200).default(50);

export const okSchema = z.object({ ok: z.literal(true) });
export const idParamSchema = z.object({ id });

// ─── accounts ────────────────────────────────────────────────────────────────────────────────

export const meSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  streetId: z.string().nullable(),
  communityId: z.string().nullable(),
  /** what the user may do, for showing or hiding buttons (the server checks again) */
  can: z.object({
    inbox: z.boolean(),
    transition: z.boolean(),
    comment: z.boolean(),
    keywordReplies: z.boolean(),
    audit: z.boolean(),
    manageStaff: z.boolean(),
  }),
});
export type Me = z.infer<typeof meSchema>;

export const loginBodySchema = z.object({ username: nonEmpty.max(64), password: z.string().min(1).max(256) });
export const sessionResponseSchema = z.object({ user: meSchema, csrfToken: z.string(), idleTimeoutSeconds: z.number() });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export const passwordBodySchema = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(PASSWORD_MIN_LENGTH).max(256),
});
/** a password change ends every other session and answers with a fresh one (new cookie, new token) */
export const passwordResponseSchema = sessionResponseSchema;

export const staffUserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  streetId: z.string().nullable(),
  communityId: z.string().nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
});
export type StaffUser = z.infer<typeof staffUserSchema>;
export const staffListQuerySchema = z.object({ assignable: flag.optional() });
export const staffListResponseSchema = z.object({ items: z.array(staffUserSchema) });
export const staffCreateBodySchema = z.object({
  username: z.string().trim().regex(/^[A-Za-z0-9_.-]{3,64}$/),
  displayName: nonEmpty.max(64),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(256),
  role: roleSchema,
  streetId: z.string().min(1).optional(),
  communityId: z.string().min(1).optional(),
});
export const staffUpdateBodySchema = z.object({
  displayName: nonEmpty.max(64).optional(),
  disabled: z.boolean().optional(),
  /** a new password set by an admin (the user should change it) */
  password: z.string().min(PASSWORD_MIN_LENGTH).max(256).optional(),
  /** clears failed_logins and locked_until */
  unlock: z.literal(true).optional(),
});

export const scopeResponseSchema = z.object({
  streets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      district: z.string(),
      communities: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
  categories: z.array(z.object({ id: z.string(), name: z.string(), dueWorkingDays: z.number() })),
});

// ─── inbox (escalation tickets) ──────────────────────────────────────────────────────────────

export const TICKET_STATUSES = ['queued', 'assigned', 'resolved'] as const;
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
export const TICKET_STATUS_LABELS = { queued: '待接单', assigned: '处理中', resolved: '已结束' } as const;

export const ticketSchema = z.object({
  id: z.number(),
  status: ticketStatusSchema,
  statusLabel: z.string(),
  reason: z.string(),
  /** masked for display (o-ab…xy); the server never needs it back */
  residentLabel: z.string(),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  openedAt: iso,
  resolvedAt: iso.nullable(),
  lastMessageAt: iso.nullable(),
  /** the last message's text, ≤ 60 characters (data, never HTML) */
  lastMessagePreview: z.string().nullable(),
  waitingMinutes: z.number(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const inboxListQuerySchema = z.object({
  status: z.union([ticketStatusSchema, z.literal('open'), z.literal('all')]).default('open'),
  mine: flag.optional(),
  communityId: z.string().min(1).optional(),
  page,
  pageSize,
});
export const inboxListResponseSchema = z.object({ items: z.array(ticketSchema), total: z.number() });

export const transcriptEntrySchema = z.object({
  id: z.number(),
  at: iso,
  direction: z.enum(['in', 'out']),
  /** resident | bot | staff | note | system */
  kind: z.enum(['resident', 'bot', 'staff', 'note', 'system']),
  /** staff:<id> / note:<id> resolved to a display name */
  senderName: z.string().nullable(),
  msgType: z.string(),
  /** plain text exactly as sent or received; render as text, never as HTML */
  body: z.string(),
  /** an internal note: never sent to the resident */
  internal: z.boolean(),
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

export const quotaSchema = z.object({
  open: z.boolean(),
  remaining: z.number(),
  windowEndsAt: iso.nullable(),
  /** the template notice can be sent (a template id is configured) */
  notifyAvailable: z.boolean(),
});
export type Quota = z.infer<typeof quotaSchema>;

export const ticketDetailSchema = z.object({
  ticket: ticketSchema,
  /** the flow's answers so far when the resident asked for a person */
  context: z.record(z.string(), z.unknown()),
  transcript: z.array(transcriptEntrySchema),
  residentCases: z.array(
    z.object({ number: z.number(), kind: z.string(), kindLabel: z.string(), status: z.string(), statusLabel: z.string(), title: z.string(), role: z.string(), createdAt: iso }),
  ),
  quota: quotaSchema,
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

export const assignBodySchema = z.object({ assigneeId: id });
export const replyBodySchema = z.object({ text: nonEmpty.max(600) });
export const replyResponseSchema = z.object({ message: transcriptEntrySchema, quota: quotaSchema });
export const notifyBodySchema = z.object({ text: nonEmpty.max(20).optional() });
export const notifyResponseSchema = z.object({ msgId: z.string(), message: transcriptEntrySchema });
export const noteBodySchema = z.object({ text: nonEmpty.max(2000) });
export const ticketResponseSchema = z.object({ ticket: ticketSchema, changed: z.boolean() });
export const cannedRepliesResponseSchema = z.object({ items: z.array(z.object({ id: z.string(), title: z.string(), text: z.string() })) });

/** what GET /inbox/stream sends (SSE `event: inbox`, data = this JSON); the SPA refetches */
export const inboxEventSchema = z.object({
  type: z.enum(['ticket_opened', 'ticket_updated', 'message']),
  ticketId: z.number(),
  communityId: z.string().nullable(),
  status: ticketStatusSchema.optional(),
  assigneeId: z.number().nullable().optional(),
  at: iso,
});
export type InboxEvent = z.infer<typeof inboxEventSchema>;

// ─── cases ───────────────────────────────────────────────────────────────────────────────────

export const CASE_SORTS = ['createdAt', 'updatedAt', 'dueAt', 'id', 'status'] as const;
export const caseListQuerySchema = z.object({
  kind: z.enum(['report', 'proposal']).optional(),
  streetId: z.string().min(1).optional(),
  communityId: z.string().min(1).optional(),
  category: z.string().min(1).optional(),
  /** one status or several, comma-separated */
  status: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .transform((s) => s.split(','))
    .optional(),
  overdue: flag.optional(),
  /** created_at from (inclusive) / to (exclusive): YYYY-MM-DD (Asia/Shanghai) or ISO */
  from: z.string().min(1).optional(),
  to: z.string().min(1).optional(),
  /** text search in title and description */
  q: z.string().trim().min(1).max(100).optional(),
  page,
  pageSize,
  sort: z.enum(CASE_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const caseSummarySchema = z.object({
  id: z.number(),
  kind: z.enum(['report', 'proposal']),
  kindLabel: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  categoryName: z.string().nullable(),
  projectType: z.string().nullable(),
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  streetId: z.string().nullable(),
  streetName: z.string().nullable(),
  assignee: z.string().nullable(),
  createdAt: iso,
  updatedAt: iso,
  acceptedAt: iso.nullable(),
  resolvedAt: iso.nullable(),
  dueAt: iso.nullable(),
  overdue: z.boolean(),
  /** how late an overdue report is, in hours (0 when not overdue) */
  hoursOverdue: z.number(),
  estimatedCost: z.number().nullable(),
  approvedCost: z.number().nullable(),
  actualCost: z.number().nullable(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;
export const caseListResponseSchema = z.object({ items: z.array(caseSummarySchema), total: z.number(), page: z.number(), pageSize: z.number() });

export const transitionFieldSchema = z.object({
  name: z.string(),
  /** text | date (ISO) | money (fen) | case (a case number) */
  type: z.enum(['text', 'date', 'money', 'case']),
  label: z.string(),
  required: z.boolean(),
});
export const nextTransitionSchema = z.object({
  to: z.string(),
  label: z.string(),
  /** what the move needs, in words */
  needs: z.string().nullable(),
  publicNoteRequired: z.boolean(),
  fields: z.array(transitionFieldSchema),
  /** suggested values, e.g. dueAt from the category's working days */
  defaults: z.record(z.string(), z.unknown()),
});
export type NextTransition = z.infer<typeof nextTransitionSchema>;

export const timelineEntrySchema = z.object({
  id: z.number(),
  at: iso,
  type: z.string(),
  actorType: z.string(),
  actorName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  toStatusLabel: z.string().nullable(),
  publicNote: z.string().nullable(),
  internalNote: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  /** shown on the public page */
  public: z.boolean(),
});
export const caseDetailSchema = z.object({
  case: caseSummarySchema.extend({
    description: z.string(),
    beneficiaries: z.string().nullable(),
    batch: z.string().nullable(),
    publicityStart: iso.nullable(),
    publicityEnd: iso.nullable(),
    duplicateOf: z.number().nullable(),
    rejectReason: z.string().nullable(),
    location: z.object({ lat: z.number().nullable(), lng: z.number().nullable(), label: z.string().nullable() }),
    /** the resident's phone; masked for deputies */
    phone: z.string().nullable(),
    residentLabel: z.string().nullable(),
  }),
  timeline: z.array(timelineEntrySchema),
  photos: z.array(z.object({ id: z.number(), url: z.string(), contentType: z.string(), bytes: z.number(), source: z.string(), createdAt: iso })),
  milestones: z.array(z.object({ id: z.number(), date: iso, note: z.string(), percent: z.number() })),
  subscribers: z.object({ authors: z.number(), supporters: z.number(), followers: z.number(), total: z.number() }),
  /** residents who reported it (author + 我也遇到) */
  supporters: z.number(),
  evaluation: z.object({ satisfied: z.number(), unsatisfied: z.number(), averageScore: z.number().nullable(), ratings: z.number() }),
  /** empty when the user may not move it */
  nextTransitions: z.array(nextTransitionSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

export const transitionBodySchema = z.object({
  to: z.string().regex(/^[a-z_]+$/),
  /** the status the user saw: 409 when the case has moved on */
  from: z.string().regex(/^[a-z_]+$/).optional(),
  publicNote: z.string().max(500).optional(),
  internalNote: z.string().max(2000).optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});
export const transitionResponseSchema = z.object({
  caseId: z.number(),
  from: z.string(),
  to: z.string(),
  statusLabel: z.string(),
  eventId: z.number(),
  queued: z.number(),
});
export const caseAssignBodySchema = z.object({
  assignee: nonEmpty.max(100),
  dueAt: z.iso.datetime({ offset: true }).optional(),
  internalNote: z.string().max(2000).optional(),
});
export const mergeBodySchema = z.object({
  duplicateOf: id,
  from: z.string().regex(/^[a-z_]+$/).optional(),
  publicNote: z.string().max(500).optional(),
  internalNote: z.string().max(2000).optional(),
});
export const caseNoteBodySchema = z
  .object({ publicNote: z.string().max(500).optional(), internalNote: z.string().max(2000).optional() })
  .refine((b) => Boolean(b.publicNote?.trim() || b.internalNote?.trim()), { message: 'publicNote or internalNote' });
export const milestoneBodySchema = z.object({
  date: z.iso.datetime({ offset: true }).or(z.iso.date()),
  note: nonEmpty.max(500),
  percent: z.number().int().min(0).max(100),
});
export const transferBodySchema = z.object({
  department: nonEmpty.max(100),
  from: z.string().regex(/^[a-z_]+$/).optional(),
  dueAt: z.iso.datetime({ offset: true }).optional(),
  publicNote: z.string().max(500).optional(),
  internalNote: z.string().max(2000).optional(),
});
export const eventResponseSchema = z.object({ eventId: z.number(), queued: z.number() });
export const bulkTransitionBodySchema = transitionBodySchema.omit({ from: true }).extend({
  ids: z.array(id).min(1).max(200),
});
export const bulkTransitionResponseSchema = z.object({
  results: z.array(
    z.object({
      id: z.number(),
      ok: z.boolean(),
      /** the new status when ok */
      status: z.string().optional(),
      /** HTTP-like status and message when not */
      error: z.object({ status: z.number(), message: z.string() }).optional(),
    }),
  ),
  succeeded: z.number(),
  failed: z.number(),
});

// ─── deadlines (督办) ────────────────────────────────────────────────────────────────────────

export const deadlinesQuerySchema = z.object({
  streetId: z.string().min(1).optional(),
  communityId: z.string().min(1).optional(),
  /** a report still submitted after this many hours is unacknowledged (default from config, 24) */
  hours: z.coerce.number().int().min(1).max(24 * 60).optional(),
});
export const deadlinesResponseSchema = z.object({
  now: iso,
  overdue: z.array(caseSummarySchema),
  unacknowledged: z.array(caseSummarySchema.extend({ hoursWaiting: z.number() })),
  unacknowledgedHours: z.number(),
});

// ─── dashboard ───────────────────────────────────────────────────────────────────────────────

export const dashboardQuerySchema = z.object({
  /** created_at from (inclusive) / to (exclusive): YYYY-MM-DD (Asia/Shanghai) or ISO; default this year */
  from: z.string().min(1).optional(),
  to: z.string().min(1).optional(),
  streetId: z.string().min(1).optional(),
  communityId: z.string().min(1).optional(),
});
export const figuresSchema = z.object({
  collected: z.object({ count: z.number(), requested: z.number() }),
  confirmed: z.object({ count: z.number(), approved: z.number() }),
  implemented: z.object({ count: z.number(), approved: z.number() }),
  completed: z.object({ count: z.number(), spent: z.number() }),
  reserve: z.number(),
  declined: z.number(),
  reports: z.object({ received: z.number(), open: z.number(), resolved: z.number(), resolvedOnTime: z.number(), overdue: z.number() }),
});
export type Figures = z.infer<typeof figuresSchema>;
export const dashboardResponseSchema = z.object({
  from: iso,
  to: iso,
  totals: figuresSchema,
  byStreet: z.array(figuresSchema.extend({ streetId: z.string(), streetName: z.string() })),
  byCommunity: z.array(figuresSchema.extend({ communityId: z.string(), communityName: z.string(), streetId: z.string() })),
  /** resolved reports resolved by their due date / resolved reports; null when none */
  onTimeRate: z.number().nullable(),
  medianHoursToAcceptance: z.number().nullable(),
  medianHoursToResolution: z.number().nullable(),
  satisfaction: z.object({
    satisfied: z.number(),
    unsatisfied: z.number(),
    /** satisfied / (satisfied + unsatisfied); null when none */
    rate: z.number().nullable(),
    averageScore: z.number().nullable(),
    ratings: z.number(),
  }),
  /** months as YYYY-MM (Asia/Shanghai) */
  reportsByCategoryByMonth: z.array(z.object({ month: z.string(), category: z.string(), categoryName: z.string(), count: z.number() })),
});
export type Dashboard = z.infer<typeof dashboardResponseSchema>;

// ─── keyword replies, audit ──────────────────────────────────────────────────────────────────

export const keywordReplySchema = z.object({
  id: z.number(),
  keyword: z.string(),
  match: z.enum(['exact', 'prefix']),
  replyType: z.enum(['text', 'news']),
  content: z.record(z.string(), z.unknown()),
  communityId: z.string().nullable(),
  enabled: z.boolean(),
  createdAt: iso,
});
const keywordContent = z.union([
  z.object({ text: nonEmpty.max(600) }),
  z.object({ title: nonEmpty.max(64), description: z.string().max(120).default(''), url: z.url(), picUrl: z.url().optional() }),
]);
export const keywordReplyBodySchema = z.object({
  keyword: nonEmpty.max(30),
  match: z.enum(['exact', 'prefix']).default('exact'),
  replyType: z.enum(['text', 'news']).default('text'),
  content: keywordContent,
  /** null/absent = every community (admin only) */
  communityId: z.string().min(1).nullable().optional(),
  enabled: z.boolean().default(true),
});
export const keywordReplyPatchSchema = z.object({
  keyword: nonEmpty.max(30).optional(),
  match: z.enum(['exact', 'prefix']).optional(),
  replyType: z.enum(['text', 'news']).optional(),
  content: keywordContent.optional(),
  communityId: z.string().min(1).nullable().optional(),
  enabled: z.boolean().optional(),
});
export const keywordReplyListResponseSchema = z.object({ items: z.array(keywordReplySchema) });

export const auditQuerySchema = z.object({
  staffId: z.coerce.number().int().positive().optional(),
  action: z.string().min(1).max(64).optional(),
  target: z.string().min(1).max(100).optional(),
  page,
  pageSize,
});
export const auditEntrySchema = z.object({
  id: z.number(),
  at: iso,
  staffId: z.number().nullable(),
  staffName: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export const auditListResponseSchema = z.object({ items: z.array(auditEntrySchema), total: z.number() });

// ─── the route table ─────────────────────────────────────────────────────────────────────────

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
  login: { method: 'POST', path: '/login', roles: 'public', body: loginBodySchema, response: sessionResponseSchema },
  logout: { method: 'POST', path: '/logout', roles: ALL, response: okSchema },
  me: { method: 'GET', path: '/me', roles: ALL, response: sessionResponseSchema },
  password: { method: 'POST', path: '/password', roles: ALL, body: passwordBodySchema, response: passwordResponseSchema },
  scope: { method: 'GET', path: '/scope', roles: ALL, response: scopeResponseSchema },
  staffList: { method: 'GET', path: '/staff', roles: STAFF, query: staffListQuerySchema, response: staffListResponseSchema },
  staffCreate: { method: 'POST', path: '/staff', roles: ADMIN, body: staffCreateBodySchema, response: staffUserSchema },
  staffUpdate: { method: 'PATCH', path: '/staff/:id', roles: ADMIN, body: staffUpdateBodySchema, response: staffUserSchema },

  inboxList: { method: 'GET', path: '/inbox', roles: STAFF, query: inboxListQuerySchema, response: inboxListResponseSchema },
  inboxStream: { method: 'GET', path: '/inbox/stream', roles: STAFF },
  cannedReplies: { method: 'GET', path: '/inbox/canned-replies', roles: STAFF, response: cannedRepliesResponseSchema },
  inboxDetail: { method: 'GET', path: '/inbox/:id', roles: STAFF, response: ticketDetailSchema },
  inboxClaim: { method: 'POST', path: '/inbox/:id/claim', roles: STAFF, response: ticketResponseSchema },
  inboxAssign: { method: 'POST', path: '/inbox/:id/assign', roles: STAFF, body: assignBodySchema, response: ticketResponseSchema },
  inboxReply: { method: 'POST', path: '/inbox/:id/reply', roles: STAFF, body: replyBodySchema, response: replyResponseSchema },
  inboxNotify: { method: 'POST', path: '/inbox/:id/notify', roles: STAFF, body: notifyBodySchema, response: notifyResponseSchema },
  inboxNote: { method: 'POST', path: '/inbox/:id/notes', roles: STAFF, body: noteBodySchema, response: transcriptEntrySchema },
  inboxResolve: { method: 'POST', path: '/inbox/:id/resolve', roles: STAFF, response: ticketResponseSchema },

  caseList: { method: 'GET', path: '/cases', roles: ALL, query: caseListQuerySchema, response: caseListResponseSchema },
  caseExportCsv: { method: 'GET', path: '/cases/export.csv', roles: ALL, query: caseListQuerySchema },
  caseExportXlsx: { method: 'GET', path: '/cases/export.xlsx', roles: ALL, query: caseListQuerySchema },
  caseBulkTransition: { method: 'POST', path: '/cases/bulk-transition', roles: STAFF, body: bulkTransitionBodySchema, response: bulkTransitionResponseSchema },
  caseDetail: { method: 'GET', path: '/cases/:id', roles: ALL, response: caseDetailSchema },
  casePhoto: { method: 'GET', path: '/cases/:id/photos/:mediaId', roles: ALL },
  caseTransition: { method: 'POST', path: '/cases/:id/transition', roles: STAFF, body: transitionBodySchema, response: transitionResponseSchema },
  caseAssign: { method: 'POST', path: '/cases/:id/assign', roles: STAFF, body: caseAssignBodySchema, response: eventResponseSchema },
  caseMerge: { method: 'POST', path: '/cases/:id/merge', roles: STAFF, body: mergeBodySchema, response: transitionResponseSchema },
  /** deputies may add internal notes (comments) only */
  caseNote: { method: 'POST', path: '/cases/:id/notes', roles: ALL, body: caseNoteBodySchema, response: eventResponseSchema },
  caseMilestone: { method: 'POST', path: '/cases/:id/milestones', roles: STAFF, body: milestoneBodySchema, response: eventResponseSchema },
  caseTransfer: { method: 'POST', path: '/cases/:id/transfer', roles: STAFF, body: transferBodySchema, response: eventResponseSchema },

  deadlines: { method: 'GET', path: '/deadlines', roles: ALL, query: deadlinesQuerySchema, response: deadlinesResponseSchema },
  dashboard: { method: 'GET', path: '/dashboard', roles: ALL, query: dashboardQuerySchema, response: dashboardResponseSchema },

  keywordList: { method: 'GET', path: '/keyword-replies', roles: MANAGERS, response: keywordReplyListResponseSchema },
  keywordCreate: { method: 'POST', path: '/keyword-replies', roles: MANAGERS, body: keywordReplyBodySchema, response: keywordReplySchema },
  keywordUpdate: { method: 'PATCH', path: '/keyword-replies/:id', roles: MANAGERS, body: keywordReplyPatchSchema, response: keywordReplySchema },
  keywordDelete: { method: 'DELETE', path: '/keyword-replies/:id', roles: MANAGERS, response: okSchema },

  audit: { method: 'GET', path: '/audit', roles: ADMIN, query: auditQuerySchema, response: auditListResponseSchema },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof routes;
/** the parsed request body of a route */
export type BodyOf<R extends RouteName> = (typeof routes)[R] extends { body: infer B extends z.ZodType } ? z.input<B> : never;
/** the JSON response of a route */
export type ResponseOf<R extends RouteName> = (typeof routes)[R] extends { response: infer S extends z.ZodType } ? z.infer<S> : never;
