/** 主题分类 of a proposal, and 报表: the figures a street office sends upward. */
import { z } from 'zod';

// ─── a proposal's theme ──────────────────────────────────────────────────────────────────────

export const proposalThemeSchema = z.object({ id: z.string(), name: z.string() });
/** a case's theme and the account's list to choose from (config/proposal-themes.yaml) */
export const caseThemeResponseSchema = z.object({
  caseId: z.number(),
  /** the stored id, or null when none is set */
  theme: z.string().nullable(),
  themeName: z.string().nullable(),
  themes: z.array(proposalThemeSchema),
});
export type CaseThemeResponse = z.infer<typeof caseThemeResponseSchema>;
/** null clears it */
export const caseThemeBodySchema = z.object({ theme: z.string().trim().min(1).max(40).nullable() });

// ─── 报表 ────────────────────────────────────────────────────────────────────────────────────

export const FIGURES_GROUPS = ['type', 'theme', 'batch'] as const;
export type FiguresGroup = (typeof FIGURES_GROUPS)[number];
export const FIGURES_LEVELS = ['street', 'community'] as const;

export const figuresQuerySchema = z.object({
  /** the year the proposals were collected (filed), Asia/Shanghai; default this year */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  streetId: z.string().min(1).optional(),
  communityId: z.string().min(1).optional(),
  /** only what came in through this channel (config/channels.yaml id, wechat, open311) */
  channel: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/).optional(),
  /** the second column: project type (工程类 / 服务类 / 货物类), theme (主题分类) or batch (批次) */
  groupBy: z.enum(FIGURES_GROUPS).default('type'),
  /** one row per street, or per community (with its street) */
  per: z.enum(FIGURES_LEVELS).default('community'),
});
export type FiguresQuery = z.output<typeof figuresQuerySchema>;

/** the counts and money of one row (money in fen) */
export const figuresCellsSchema = z.object({
  collected: z.number(),
  confirmed: z.number(),
  implemented: z.number(),
  completed: z.number(),
  requested: z.number(),
  approved: z.number(),
  paid: z.number(),
  government: z.number(),
  social: z.number(),
  /** implemented projects (the base of the on-time rate) and those completed within the year */
  onTimeBase: z.number(),
  onTime: z.number(),
  /** residents who rated the projects, and those satisfied (civic/satisfaction.ts) */
  rated: z.number(),
  satisfied: z.number(),
});
export type FiguresCells = z.infer<typeof figuresCellsSchema>;

export const figuresRowSchema = figuresCellsSchema.extend({
  streetId: z.string().nullable(),
  streetName: z.string().nullable(),
  /** null on a per-street row, or for proposals with no community */
  communityId: z.string().nullable(),
  communityName: z.string().nullable(),
  /** the group's stored value (a project type, a theme id, a batch label); null: none set */
  group: z.string().nullable(),
  /** what staff read for it (the theme's name); null: none set */
  groupName: z.string().nullable(),
});
export type FiguresRow = z.infer<typeof figuresRowSchema>;

export const figuresResponseSchema = z.object({
  year: z.number(),
  groupBy: z.enum(FIGURES_GROUPS),
  per: z.enum(FIGURES_LEVELS),
  rows: z.array(figuresRowSchema),
  totals: figuresCellsSchema,
  /** reports (报修) of the same year and places: resolved, and resolved by their due date */
  reports: z.object({ resolved: z.number(), onTime: z.number() }),
});
export type FiguresTable = z.infer<typeof figuresResponseSchema>;
