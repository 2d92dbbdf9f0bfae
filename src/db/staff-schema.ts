import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, serial, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns.js';
import { communities, residents, streets } from './residents-schema.js';

/**
 * The staff side's tables: the escalation inbox (conversations, messages), staff accounts, the
 * audit log, the bot's keyword replies and the WeChat menus. Re-exported by schema.ts, which is
 * what drizzle-kit and the code read.
 */

/** A resident who asked for a person: the escalation inbox. */
export const conversations = pgTable(
  'conversations',
  {
    id: serial('id').primaryKey(),
    openid: text('openid')
      .notNull()
      .references(() => residents.openid),
    status: text('status', { enum: ['queued', 'assigned', 'resolved'] }).notNull(),
    reason: text('reason').notNull(),
    communityId: text('community_id'),
    assigneeId: integer('assignee_id'),
    context: jsonb('context').$type<Record<string, unknown>>().notNull().default({}),
    openedAt: createdAt(),
    resolvedAt: ts('resolved_at'),
    /** the resident's rating of the human service, asked at the close (满意 / 基本满意 / 不满意) */
    rating: text('rating', { enum: ['satisfied', 'fair', 'unsatisfied'] }),
    ratedAt: ts('rated_at'),
  },
  (t) => [
    // at most one open ticket per resident: a retried 人工 can never open a second
    uniqueIndex('conversations_open_uq')
      .on(t.openid)
      .where(sql`status <> 'resolved'`),
  ],
);

/** The transcript: every message in and out, for the inbox. */
export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    openid: text('openid').notNull(),
    conversationId: integer('conversation_id'),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    sender: text('sender').notNull(),
    msgType: text('msg_type').notNull(),
    body: text('body').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: createdAt(),
    /** a line written behind (runtime/transcript-drain.ts): the message's dedupe key and its place in the turn, so a line drained twice is kept once */
    lineKey: text('line_key'),
  },
  (t) => [index('messages_openid_idx').on(t.openid, t.at), uniqueIndex('messages_line_key_idx').on(t.lineKey)],
);

export const staffUsers = pgTable('staff_users', {
  id: serial('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** the name residents read on this account's replies (工作人员 小王：); null: 工作人员： alone */
  publicName: text('public_name'),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['admin', 'street', 'community', 'deputy', 'auditor', 'unit'] }).notNull(),
  streetId: text('street_id').references(() => streets.id),
  communityId: text('community_id').references(() => communities.id),
  /** a 承办单位 account (role unit): the department it is, as cases.assignee names it (城管执法队) */
  unit: text('unit'),
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: ts('locked_until'),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: createdAt(),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    staffId: integer('staff_id'),
    action: text('action').notNull(),
    target: text('target').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    at: createdAt(),
  },
  (t) => [index('audit_log_at_idx').on(t.at)],
);

/** Staff-defined keyword auto-replies (电费 → …) */
export const keywordReplies = pgTable('keyword_replies', {
  id: serial('id').primaryKey(),
  keyword: text('keyword').notNull(),
  match: text('match', { enum: ['exact', 'prefix'] }).notNull().default('exact'),
  replyType: text('reply_type', { enum: ['text', 'news'] }).notNull().default('text'),
  content: jsonb('content').$type<Record<string, unknown>>().notNull(),
  communityId: text('community_id'),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: createdAt(),
});

/**
 * The official account's custom menu (自定义菜单), as staff edited it in the console: every saved
 * version is kept; the newest with publishedAt set is what WeChat shows residents.
 */
export const wechatMenus = pgTable('wechat_menus', {
  id: serial('id').primaryKey(),
  /** WeChat's own shape ({ button: [...] }), checked by menuSchema in src/wechat/api/menu.ts */
  menu: jsonb('menu').$type<Record<string, unknown>>().notNull(),
  note: text('note'),
  createdBy: integer('created_by'),
  createdAt: createdAt(),
  publishedBy: integer('published_by'),
  publishedAt: ts('published_at'),
});
