import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { cases } from '../../db/schema.js';
import type { TextSpec, TextsOf } from '../../texts/text-spec.js';
import type { CategoryCatalog } from '../categories.js';
import type { CivicTexts } from '../civic-texts.js';
import type { Actor, ActorType, CivicContext } from '../context.js';
import type { Filing, SubmitResult } from '../intake.js';
import type { PhotoInput } from '../media.js';
import type { EnvelopeStanding } from '../budgets/envelope.js';
import type { PublicityRules } from '../publicity.js';
import type { CaseKind } from './names.js';

export type { CaseKind } from './names.js';
export type CaseRow = typeof cases.$inferSelect;

/**
 * Where a case stands in the programme's own words, 征集 → 确定 → 实施 → 完成, whatever its kind:
 * - new: received, not yet decided (已提交, 已征集, 审核中, 待审核)
 * - confirmed: decided and promised (已受理, 已确定, 公示中, 已发布)
 * - working: being done (处理中, 实施中, 已认领)
 * - done: delivered (已办结, 已完成, 已实现)
 * - off: left the path (不予受理, 已合并, 备选库, 不予采纳)
 * The figures officials report, the public community page's groups and the dashboard count phases.
 */
export type Phase = 'new' | 'confirmed' | 'working' | 'done' | 'off';
export const PHASES = ['new', 'confirmed', 'working', 'done', 'off'] as const satisfies readonly Phase[];

/**
 * what the push announcing a status asks the resident: 问题解决了吗 (feedback), a 1–5 score
 * (rating), or whether a wish came true, with a word of thanks (thanks)
 */
export type Ask = 'feedback' | 'rating' | 'thanks';

/** What a status means, from which SQL filters, pages, pushes, 查询 answers and console filters follow. */
export interface StatusAttrs {
  /** still being worked on: open lists, overdue flags, the due date shown to residents */
  open: boolean;
  phase: Phase;
  /** the step of the kind's `steps` a case in this status has reached (off the path: the last one it reached) */
  step: number;
  /** anyone may see the case (public pages, 查询 by others); false: only its author and staff */
  public: boolean;
  /** the push announcing this status asks the resident something */
  asks?: Ask;
  /** the case page explains the status in words of its own (kinds.zh-CN.yaml `<kind>.notices.<status>`) */
  notice?: true;
  /** reaching it is announced to the residents subscribed to the case's community (公示) */
  announce?: true;
}

/** the columns a transition may set besides status and updatedAt */
export type CaseChanges = Partial<
  Pick<
    typeof cases.$inferInsert,
    | 'assignee'
    | 'dueAt'
    | 'acceptedAt'
    | 'resolvedAt'
    | 'rejectReason'
    | 'duplicateOf'
    | 'approvedCost'
    | 'actualCost'
    | 'batch'
    | 'batchId'
    | 'approvedAt'
    | 'publicityStart'
    | 'publicityEnd'
    | 'title'
    | 'description'
  >
>;

export interface EdgeContext {
  tx: Db;
  row: CaseRow;
  /** who makes the move */
  actor: Actor;
  now: Date;
  publicNote: string | undefined;
  /** the civic words, for refusals (flows/civic.zh-CN.yaml) */
  texts: CivicTexts;
  /** the account's 公示 rules (config/publicity.yaml) */
  publicity: PublicityRules;
  /** the year's budget envelope the case spends when approved now (src/civic/budgets), not counting itself; undefined: none set */
  envelope: () => Promise<EnvelopeStanding | undefined>;
  /** present when the caller may approve beyond the envelope (a manager); throws to refuse, inside the transaction */
  authorizeOverride: (() => void | Promise<void>) | undefined;
}

/** what `after` has besides: the move's event, and a push of a note to one resident about the moved case */
export interface AfterContext extends EdgeContext {
  eventId: number;
  /** queues `note` to `openid` once (`key` is the outbox key), in the move's transaction */
  tell: (openid: string, note: string, key: string) => Promise<void>;
}

/**
 * One legal move of a lifecycle: from any of `from` to `to`, by one of `actors`. `data` is the zod
 * schema of what the move needs (validated before anything is written); `apply` turns it into column
 * changes and may check the database inside the transaction; `after` runs once the event exists.
 * The words staff click (受理, 重办) are kinds.zh-CN.yaml `<kind>.actions.<key>`; what the move needs,
 * when it needs data or a public note, `<kind>.needs.<key>`.
 */
export interface Edge<S extends string = string, D = any> {
  from: readonly S[];
  to: S;
  /** the move's key in the kind's texts; default `to` (a second move to the same status needs its own) */
  key?: string;
  actors: readonly ActorType[];
  /** pushed to subscribers and shown on the public page */
  public: boolean;
  publicNote?: 'required';
  data?: z.ZodType<D>;
  /**
   * the other cases the move writes to (a merge's target gains a note and the subscribers): the
   * caller's `authorize` hook runs on each of them too, so a move is refused when any case it
   * touches is not the caller's
   */
  touches?: (data: D) => readonly number[];
  /** fields of `data` the audit event does not keep, because they live elsewhere and are private (a claimer's contact) */
  unrecorded?: readonly string[];
  apply?: (data: D, c: EdgeContext) => CaseChanges | Promise<CaseChanges>;
  /** the public note when staff wrote none (e.g. 由某公司认领), read after `apply` */
  defaultNote?: (data: D, c: EdgeContext) => string | undefined | Promise<string | undefined>;
  after?: (data: D, c: AfterContext) => Promise<void>;
}

/** keeps the data type of each edge while the table holds them side by side */
export const edge = <S extends string, D = Record<string, never>>(e: Edge<S, D>): Edge<S> => e as Edge<S>;

/** the key of a move in the kind's texts (`actions`, `needs`) */
export const edgeKey = (e: Edge): string => e.key ?? e.to;

/** a move needs words saying what it needs when it takes data or a public note */
export const edgeNeeds = (e: Edge): boolean => !!e.data || e.publicNote === 'required';

/**
 * what is done to a case without moving it: 指派, 转办, 实施进度 (staff), 异议 (a resident, in 公示), 认领 (a partner);
 * 实施信息 and milestone photos (delivery), 验收 (acceptance), 第三方评估 (evaluation): staff, src/civic/delivery;
 * 满意度调查 (survey): a beneficiary's answer, src/civic/survey.ts
 */
export const SIDE_ACTIONS = ['assign', 'transfer', 'milestone', 'objection', 'claim', 'delivery', 'acceptance', 'evaluation', 'survey'] as const;
export type SideAction = (typeof SIDE_ACTIONS)[number];
/** the side actions staff take in the console */
export const STAFF_SIDE_ACTIONS = ['assign', 'transfer', 'milestone'] as const satisfies readonly SideAction[];

export interface Lifecycle<S extends string = string> {
  /** every status, in the order the console lists them; keys no other kind uses (the console filters by key) */
  statuses: Readonly<Record<S, StatusAttrs>>;
  initial: S;
  /** the main path, in order: the steps of a case page's stage indicator */
  steps: readonly S[];
  edges: readonly Edge<S>[];
  /** the statuses in which each side action is allowed; the function doing it claims the case in these */
  sideActions: Partial<Record<SideAction, readonly S[]>>;
}

/** what every submission carries besides the kind's own fields */
export interface Intake {
  /** absent when staff or a partner system files on someone's behalf (filing says who and how) */
  openid?: string | undefined;
  filing?: Filing | undefined;
  /** the flow session or message that filed it: a retried delivery never files twice */
  sourceKey: string;
  photos: PhotoInput[];
}

/** a case filed: its number, and when the kind keeps due dates, the expected resolution */
export interface Filed extends SubmitResult {
  dueAt?: Date | null;
}

/**
 * A case kind (report, proposal, …): its lifecycle with status attributes, the flow slots it files
 * from, how it is filed, and the words it needs beyond its labels. Registered in registry.ts; every
 * question "what does a case of this kind do" is asked of this module, never of its name.
 */
export interface CaseKindModule<K extends CaseKind = CaseKind, S extends string = string, I = any, T extends TextSpec = TextSpec> {
  kind: K;
  lifecycle: Lifecycle<S>;
  /** what a case of the kind carries besides the common fields (the public page and console show these) */
  features: {
    /** a due date from its category's working days, and overdue flags */
    due: boolean;
    /** money: estimated, approved and spent */
    budget: boolean;
    /** residents who meet the same problem join it (我也遇到) */
    support: boolean;
    /** what it is worth: the estimate, and what was actually given (a wish) */
    value: boolean;
    /** where its money comes from: government, social money, residents, in kind (资金来源) */
    funding: boolean;
    /** a category from flows/categories.yaml (路灯照明 …), which sets its due date */
    category: boolean;
    /** the public pages show its description only once staff approved a public text (公开文字), not as typed */
    reviewedText?: boolean;
    /**
     * public from the moment it is filed, before staff look at it (a proposal): the public pages show
     * its words (title, description, beneficiaries, typed place) with names, flats and phones masked by rule
     */
    maskedText?: boolean;
    /** a thematic category of config/proposal-themes.yaml (主题分类), set by staff; the 报表 groups by it */
    theme?: boolean;
  };
  /** where a case asking for feedback (问题解决了吗) moves on the resident's answer, or on no answer in time (satisfied) */
  feedback?: { satisfied: S; dissatisfied: S };
  /**
   * residents support it (支持 N), once each, in these statuses only (a proposal's 征集: what the
   * 议事会 weighs is gathered before it decides); absent for kinds nobody supports (src/civic/support.ts)
   */
  supportStatuses?: readonly S[];
  /**
   * what a 居民议事会 decides of it (src/civic/council): the statuses it may decide from, the review
   * step a case not yet there passes first, and the status each outcome moves it to; absent for
   * kinds no 议事会 decides
   */
  council?: { from: readonly S[]; review: S; outcomes: Record<CouncilOutcome, S> };
  /** its words beyond the labels, statuses, actions, needs, steps and notices (kinds.zh-CN.yaml `<kind>`) */
  texts: T;
  /** a flow's slots (what the resident answered, as JSON) → the kind's own submit fields */
  slots: z.ZodType<I>;
  /** files a case in one transaction, idempotent on sourceKey */
  submit(db: Db, input: I & Intake, ctx: CivicContext): Promise<Filed>;
  /** what the resident reads once the case is filed */
  receipt(filed: Filed, texts: TextsOf<T>, now: Date): string;
  /** ≤ 20 characters, for pushes, 我的 and lists */
  title(row: Pick<CaseRow, 'title' | 'category' | 'description'>, categories: CategoryCatalog): string;
}

/** what a 议事会 decides of a proposal: 确定 (with the budget), 备选, 不予采纳 (with a reason) */
export const COUNCIL_OUTCOMES = ['approved', 'reserve', 'declined'] as const;
export type CouncilOutcome = (typeof COUNCIL_OUTCOMES)[number];

/** keeps a module's own types while the registry holds them side by side */
export const defineKind = <K extends CaseKind, S extends string, I, T extends TextSpec>(m: CaseKindModule<K, S, I, T>): CaseKindModule<K, S, I, T> => m;
