import { bigint, boolean, doublePrecision, index, integer, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { CASE_KINDS } from '../civic/kinds/names.js';
import { batches } from './budgets-schema.js';
import { createdAt, ts } from './columns.js';
import { communities, residents, streets } from './residents-schema.js';

/**
 * A case: a problem report (报修), a project proposal (微实事提议), a wish (微心愿) … (the kinds of
 * src/civic/kinds). They share one number sequence so 查询 N is never ambiguous, and one
 * timeline, subscription and media model.
 */
export const cases = pgTable(
  'cases',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: CASE_KINDS }).notNull(),
    status: text('status').notNull(),
    openid: text('openid').references(() => residents.openid),
    communityId: text('community_id').references(() => communities.id),
    /**
     * the street office the case belongs to: its community's, or, when the community is not known
     * (the resident answered 不清楚), the street that sorts it out (null: neither is known)
     */
    streetId: text('street_id').references(() => streets.id),
    /** report category (路灯照明, 道路设施 …) */
    category: text('category'),
    title: text('title'),
    description: text('description').notNull(),
    /**
     * WGS-84 (GPS). WeChat sends GCJ-02 (Tencent's datum); the runtime converts a shared point once,
     * as the message arrives (src/runtime/message-input.ts). Rows filed before migration 0003 held
     * GCJ-02 and were converted by it.
     */
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    locationLabel: text('location_label'),
    phone: text('phone'),
    /**
     * how it came in: 'wechat' (the resident, through the bot) or a channel staff or a partner
     * system filed it through on someone's behalf (电话, 窗口, 网格巡查, 12345 转办, Open311 …)
     */
    channel: text('channel').notNull().default('wechat'),
    /** the name a resident gave when staff filed for them: private, never public */
    contactName: text('contact_name'),
    /** proposal fields */
    projectType: text('project_type', { enum: ['工程类', '服务类', '货物类'] }),
    beneficiaries: text('beneficiaries'),
    /** money in fen (分) to stay exact */
    estimatedCost: bigint('estimated_cost', { mode: 'number' }),
    approvedCost: bigint('approved_cost', { mode: 'number' }),
    actualCost: bigint('actual_cost', { mode: 'number' }),
    /** the batch's title as staff and the public pages read it (第一批); set with batchId when the batch is a record */
    batch: text('batch'),
    /** the batch (批次) it was put into: published together (src/civic/budgets/batches.ts) */
    batchId: integer('batch_id').references(() => batches.id),
    /** when it was last approved (确定): the year whose envelope it spends (src/civic/budgets) */
    approvedAt: ts('approved_at'),
    /** a proposal's thematic category (垃圾分类, 敬老孝亲 …): an id of config/proposal-themes.yaml, set by staff */
    theme: text('theme'),
    publicityStart: ts('publicity_start'),
    publicityEnd: ts('publicity_end'),
    /** report handling */
    assignee: text('assignee'),
    dueAt: ts('due_at'),
    duplicateOf: integer('duplicate_of'),
    rejectReason: text('reject_reason'),
    /**
     * what the public pages show of the resident's words, as a staff member approved it (公开文字):
     * null until then, and the pages show only the category, the community and the status
     */
    publicText: text('public_text'),
    /** a danger report (倒树压线, 燃气泄漏: flows/categories.yaml): due within hours, flagged to staff */
    urgent: boolean('urgent').notNull().default(false),
    publicTextAt: ts('public_text_at'),
    /** the inbound message that created it: a retried delivery can never create a second case */
    sourceKey: text('source_key'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    acceptedAt: ts('accepted_at'),
    resolvedAt: ts('resolved_at'),
  },
  (t) => [
    uniqueIndex('cases_source_key_uq').on(t.sourceKey),
    index('cases_community_status_idx').on(t.communityId, t.status),
    index('cases_street_idx').on(t.streetId),
    index('cases_openid_idx').on(t.openid),
    index('cases_phone_idx').on(t.phone),
    index('cases_kind_status_idx').on(t.kind, t.status),
    index('cases_batch_idx').on(t.batchId),
  ],
);
