/**
 * THE permission table of the console: which role holds which permission, and whose things each
 * role sees (its scope rule). Every route names one permission (routes.ts), every handler checks it
 * on its first line (auth/access.ts allow), /me sends the user's permissions so the SPA shows only
 * what it may do, and the scope functions (auth/access.ts) read the scope rule. A new role is a
 * column here: the Record types make the compiler ask for it everywhere.
 */
import type { Role } from './common.js';

export const PERMISSIONS = [
  /** logged in: log out, /me, own password, /scope, /lifecycles */
  'session',
  /** case lists, a case's detail and photos (within scope) */
  'readCases',
  /** 导出 CSV / Excel of the cases in scope */
  'exportCases',
  /** 数据看板 and 即将到期 */
  'reports',
  /** residents' phones and claimers' contacts unmasked */
  'seeContacts',
  /** 人工接待: tickets, replies, notices, notes */
  'inbox',
  /** the staff list (to pick who takes a ticket) */
  'listStaff',
  /** moves along the lifecycle and side actions: 受理, 合并, 指派, 转办, 改派社区, 实施进度, 资金来源 */
  'transition',
  /** what the public pages show: 公开 / 隐藏 a photo, 公开文字 */
  'publish',
  /** internal notes on a case (备注) */
  'comment',
  /** a public note on a case, pushed to its subscribers */
  'publicNote',
  /** staff photos on a case (shown on the public page) */
  'uploadPhotos',
  /** 关键词回复 of the user's scope */
  'keywordReplies',
  /** 审计日志 (within scope) */
  'audit',
  /** 工作人员: create accounts, disable, reset a password */
  'manageStaff',
  /** 公众号菜单 */
  'menu',
  /** Open311 接口密钥 of partner systems: make and revoke them */
  'open311Keys',
  /** 督办: press a case in scope on whoever handles it (a timeline note, an audit row, a staff alert) */
  'supervise',
  /** 居民议事会: record a meeting and what it decided of the proposals in scope (moves them as 'transition' does), attach its minutes */
  'council',
  /** 居民议事会 records and minutes of the communities in scope */
  'readCouncil',
  /** 年度预算 and 批次 of the streets in scope */
  'readBudgets',
  /** 年度预算: set a street's envelopes; 批次: create, fill and publish them (street managers, for their street) */
  'budgets',
  /** 确定 a proposal beyond what the year's envelope has left, with a reason (audited on the move) */
  'budgetOverride',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** who holds each permission; a role not listed holds nothing */
export const GRANTS = {
  session: ['admin', 'street', 'community', 'deputy', 'auditor', 'unit'],
  readCases: ['admin', 'street', 'community', 'deputy', 'auditor', 'unit'],
  exportCases: ['admin', 'street', 'community', 'deputy', 'auditor', 'unit'],
  reports: ['admin', 'street', 'community', 'deputy', 'auditor'],
  seeContacts: ['admin', 'street', 'community', 'unit'],
  inbox: ['admin', 'street', 'community'],
  listStaff: ['admin', 'street', 'community'],
  transition: ['admin', 'street', 'community'],
  publish: ['admin', 'street', 'community'],
  comment: ['admin', 'street', 'community', 'deputy', 'unit'],
  publicNote: ['admin', 'street', 'community', 'unit'],
  uploadPhotos: ['admin', 'street', 'community', 'unit'],
  keywordReplies: ['admin', 'street'],
  audit: ['admin', 'auditor'],
  manageStaff: ['admin'],
  menu: ['admin'],
  open311Keys: ['admin'],
  supervise: ['admin', 'street'],
  council: ['admin', 'street', 'community'],
  readCouncil: ['admin', 'street', 'community', 'deputy', 'auditor'],
  readBudgets: ['admin', 'street', 'community', 'deputy', 'auditor'],
  budgets: ['admin', 'street'],
  budgetOverride: ['admin', 'street'],
} as const satisfies Record<Permission, readonly Role[]>;

/**
 * Whose things a role sees and acts on:
 * - all: everything, including what has no community yet;
 * - street: the communities of the account's street (and what was left to that street, 社区未知);
 * - community: the account's community;
 * - placed: as the account is placed, a street, a community, or neither = all (审计员);
 * - unit: the cases whose assignee is the account's unit (承办单位), nothing else.
 */
export type ScopeRule = 'all' | 'street' | 'community' | 'placed' | 'unit';
export const SCOPE_RULES: Record<Role, ScopeRule> = {
  admin: 'all',
  street: 'street',
  community: 'community',
  deputy: 'community',
  auditor: 'placed',
  unit: 'unit',
};

/** a scope rule as it comes out for one account: placed becomes one of the others; none = nothing (no place where one is needed) */
export const SCOPE_KINDS = ['all', 'street', 'community', 'unit', 'none'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** does the role hold the permission (false for a role the table does not know) */
export const roleCan = (role: Role, p: Permission): boolean => (GRANTS[p] as readonly string[]).includes(role);

/** the roles that hold a permission */
export const rolesWith = (p: Permission): readonly Role[] => GRANTS[p];

/** every permission as a flag, as /me sends it */
export const permissionsOf = (role: Role): Record<Permission, boolean> =>
  Object.fromEntries(PERMISSIONS.map((p) => [p, roleCan(role, p)])) as Record<Permission, boolean>;
