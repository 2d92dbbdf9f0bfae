/** The lifecycles of every case kind as staff see them: GET /lifecycles. */
import { z } from 'zod';
import { PHASES, STAFF_SIDE_ACTIONS } from '../../civic/kinds/kind.js';
import { CASE_KINDS } from '../../civic/kinds/names.js';
import { transitionFieldSchema } from './cases.js';

export const lifecycleTransitionSchema = z.object({
  to: z.string(),
  /** the move in staff words: 受理, 办结, 重办, 确定立项 … */
  action: z.string(),
  /** the zh-CN label of `to` */
  label: z.string(),
  /** the move along the main path that a picker preselects (at most one per status; never a refusal, merge or 退回) */
  forward: z.boolean(),
  /** what the move needs, in words */
  needs: z.string().nullable(),
  publicNoteRequired: z.boolean(),
  /** pushed to subscribers and shown on the public page */
  public: z.boolean(),
  /** the fields the server validates, in the order of the lifecycle's schema */
  fields: z.array(transitionFieldSchema),
});
export type LifecycleTransition = z.infer<typeof lifecycleTransitionSchema>;

export const lifecycleStatusSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** where every case of the kind starts */
  initial: z.boolean(),
  /** still being worked on (lists, deadlines and figures count it as open) */
  open: z.boolean(),
  /** 征集 new → 确定 confirmed → 实施 working → 完成 done, or off the path */
  phase: z.enum(PHASES),
  /** anyone may see a case in it (public pages) */
  public: z.boolean(),
  /** no move leads out of it */
  terminal: z.boolean(),
  /** the moves staff may make from it */
  transitions: z.array(lifecycleTransitionSchema),
  /** what staff may do here without moving the case: 指派 (assign), 转办 (transfer), 实施进度 (milestone) */
  sideActions: z.array(z.enum(STAFF_SIDE_ACTIONS)),
});
export type LifecycleStatus = z.infer<typeof lifecycleStatusSchema>;

export const lifecycleSchema = z.object({
  kind: z.enum(CASE_KINDS),
  /** 报修, 微实事 … */
  label: z.string(),
  /** what its cases carry besides the common fields: the console shows these columns and sections */
  features: z.object({
    /** a due date (and overdue flags) */
    due: z.boolean(),
    /** estimated, approved and spent money */
    budget: z.boolean(),
    /** residents join it (我也遇到) */
    support: z.boolean(),
    /** a wish's value: estimated and given */
    value: z.boolean(),
    /** money by source (资金来源) */
    funding: z.boolean(),
    /** a category of flows/categories.yaml */
    category: z.boolean(),
    /** partners claim it (认领) */
    claims: z.boolean(),
    /** residents object during 公示 (公示异议: a side action of its lifecycle), answered by staff */
    objections: z.boolean(),
    /** a thematic category (主题分类, config/proposal-themes.yaml) staff set */
    theme: z.boolean(),
    /** delivered after 公示 (实施信息, 验收, 第三方评估, 满意度调查: GET /cases/:id/delivery) */
    delivery: z.boolean(),
  }),
  /** in the lifecycle table's order */
  statuses: z.array(lifecycleStatusSchema),
});
export type LifecycleInfo = z.infer<typeof lifecycleSchema>;

/** every kind, keyed by its name, in the registry's order */
export const lifecyclesResponseSchema = z.record(z.enum(CASE_KINDS), lifecycleSchema);
export type LifecyclesResponse = z.infer<typeof lifecyclesResponseSchema>;
