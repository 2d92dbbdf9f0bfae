import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { readYamlFile } from '../config/yaml-file.js';
import { CHINA_OFFSET_MS } from '../china-time.js';
import type { Db } from '../db/client.js';
import { caseFunding, cases, evaluations } from '../db/schema.js';
import { listCommunities } from './communities.js';
import { PROJECT_TYPES, proposal, type ProjectType } from './kinds/proposal.js';

/**
 * 示例数据: a realistic year of one street office's micro-projects (config/demo-year.yaml: the
 * seeds' Kuichong year, 215 collected, 58 + 61 implemented for 18,185,800 元), for local mode with
 * DEMO_DATA=1. planDemoYear is pure and deterministic (a seeded random sequence; the clock only
 * places the dates inside the year so far); seedDemoYear writes the plan in one transaction with
 * one insert per table, once per year (the rows' source keys say whether it ran).
 */

const yuanTotal = z.number().int().nonnegative().refine((y) => y % 100 === 0, 'a multiple of 100 (yuan)');
const count = z.number().int().nonnegative();
const titleSchema = z.object({ title: z.string().min(1).max(60), theme: z.string().min(1) });
const fileSchema = z.object({
  street: z.string().min(1),
  batches: z
    .array(
      z
        .object({
          label: z.string().min(1),
          engineering: count,
          engineeringYuan: yuanTotal,
          service: count,
          goods: count,
          othersYuan: yuanTotal,
          /** how many of the batch were completed (验收), of those how many were rated to the end (已评议) */
          completed: count,
          evaluated: count,
        })
        .refine((b) => b.completed <= b.engineering + b.service + b.goods && b.evaluated <= b.completed, 'completed ≤ the batch, evaluated ≤ completed'),
    )
    .min(1),
  reserve: count,
  declined: count,
  reviewing: count,
  collected: count,
  declineReason: z.string().min(1),
  beneficiaries: z.string().min(1),
  description: z.string().min(1),
  titles: z.record(z.enum(PROJECT_TYPES), z.array(titleSchema).min(1)),
  socialFunders: z.array(z.string().min(1)).min(1),
});
export type DemoYearFile = z.infer<typeof fileSchema>;

export const defaultDemoYearFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../config/demo-year.yaml');
export const loadDemoYearFile = (file: string = defaultDemoYearFile): DemoYearFile => readYamlFile(file, fileSchema);

type NewCase = typeof cases.$inferInsert;
export interface DemoPlan {
  cases: (NewCase & { sourceKey: string })[];
  /** by the case's source key: money by source, in fen */
  funding: { sourceKey: string; source: 'government' | 'social'; funder: string | null; amount: number }[];
  /** by the case's source key: a resident's 1–5 score */
  ratings: { sourceKey: string; openid: string; score: number }[];
}

/** mulberry32: a small seeded generator, [0, 1) */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FEN_PER_100_YUAN = 100 * 100;

/** `totalYuan` split over n items at random, in whole hundreds of 元, summing exactly; in fen */
function split(totalYuan: number, n: number, r: () => number): number[] {
  if (n === 0) return [];
  const units = totalYuan / 100;
  const w = Array.from({ length: n }, () => 0.4 + r());
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((units * x) / sum));
  let rest = units - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % n, rest--) parts[i]! += 1;
  return parts.map((u) => u * FEN_PER_100_YUAN);
}

/** the proposals of `year` (China time), dated between its start and `now` */
export function planDemoYear(file: DemoYearFile, o: { year: number; now: Date; communities: { id: string; streetId: string }[] }): DemoPlan {
  const r = rng(20161201);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const start = Date.UTC(o.year, 0, 1) - CHINA_OFFSET_MS;
  const span = Math.max(3_600_000, o.now.getTime() - start);
  /** a moment at fraction f of the year so far */
  const at = (f: number) => new Date(start + Math.floor(Math.min(0.995, Math.max(0, f)) * span));
  const [ENGINEERING, SERVICE, GOODS] = PROJECT_TYPES;
  const plan: DemoPlan = { cases: [], funding: [], ratings: [] };
  let n = 0;
  const add = (type: ProjectType, c: Omit<Partial<NewCase>, 'sourceKey'> & Pick<NewCase, 'status' | 'createdAt'>): string => {
    const community = pick(o.communities);
    const t = pick(file.titles[type]);
    const sourceKey = `demo-year:${o.year}:${n++}`;
    plan.cases.push({
      kind: proposal.kind,
      communityId: community.id,
      streetId: community.streetId,
      title: t.title,
      description: file.description,
      projectType: type,
      beneficiaries: file.beneficiaries,
      // one in twenty left without a theme: the 报表 shows them as 未分类
      theme: r() < 0.05 ? null : t.theme,
      updatedAt: c.resolvedAt ?? c.publicityEnd ?? c.createdAt,
      ...c,
      sourceKey,
    });
    return sourceKey;
  };

  file.batches.forEach((b, bi) => {
    const types: ProjectType[] = [...Array<ProjectType>(b.engineering).fill(ENGINEERING), ...Array<ProjectType>(b.service).fill(SERVICE), ...Array<ProjectType>(b.goods).fill(GOODS)];
    const approved = [...split(b.engineeringYuan, b.engineering, r), ...split(b.othersYuan, b.service + b.goods, r)];
    const notice = 0.45 + (0.3 * bi) / Math.max(1, file.batches.length - 1);
    types.forEach((type, i) => {
      const completed = i < b.completed;
      const status = i < b.evaluated ? 'evaluated' : completed ? 'completed' : 'implementing';
      const cost = approved[i]!;
      const paid = completed ? Math.round((cost * (0.88 + r() * 0.12)) / 100) * 100 : null;
      const key = add(type, {
        status,
        createdAt: at(0.02 + r() * 0.38),
        estimatedCost: Math.round((cost * (1 + r() * 0.25)) / FEN_PER_100_YUAN) * FEN_PER_100_YUAN,
        approvedCost: cost,
        // decided shortly before its 公示: the year whose envelope it spends (src/civic/budgets)
        approvedAt: at(notice - 0.02),
        actualCost: paid,
        batch: b.label,
        publicityStart: at(notice),
        publicityEnd: at(notice + 0.03),
        resolvedAt: completed ? at(notice + 0.06 + r() * 0.25) : null,
      });
      // one project in eight co-funded by a company or a charity (社会资金), the rest of the budget the government's
      const social = r() < 0.125 ? Math.round((cost * (0.1 + r() * 0.2)) / FEN_PER_100_YUAN) * FEN_PER_100_YUAN : 0;
      if (social > 0) plan.funding.push({ sourceKey: key, source: 'social', funder: pick(file.socialFunders), amount: social });
      plan.funding.push({ sourceKey: key, source: 'government', funder: null, amount: cost - social });
      if (completed) {
        const raters = Math.floor(r() * 5);
        for (let k = 0; k < raters; k++) plan.ratings.push({ sourceKey: key, openid: `demo-rater-${key}-${k}`, score: score(r()) });
      }
    });
  });

  const others: [string, number, number, number][] = [
    // status, how many, when filed (fraction of the year so far, from … to)
    ['reserve', file.reserve, 0.02, 0.4],
    ['declined', file.declined, 0.02, 0.4],
    ['reviewing', file.reviewing, 0.4, 0.85],
    ['collected', file.collected, 0.85, 0.99],
  ];
  for (const [status, many, from, to] of others)
    for (let i = 0; i < many; i++) {
      const x = r();
      add(x < 0.5 ? ENGINEERING : x < 0.8 ? SERVICE : GOODS, {
        status,
        createdAt: at(from + r() * (to - from)),
        estimatedCost: (20 + Math.floor(r() * 580)) * FEN_PER_100_YUAN,
        rejectReason: status === 'declined' ? file.declineReason : null,
      });
    }
  return plan;
}

/** residents' 评议 leans to satisfied, as the seeds report it */
const score = (x: number): number => (x < 0.45 ? 5 : x < 0.8 ? 4 : x < 0.92 ? 3 : x < 0.97 ? 2 : 1);

/**
 * Writes the demo year into the database, once: nothing when this year's rows are there already,
 * or when the file's street has no communities (another account's communities.yaml).
 */
export async function seedDemoYear(db: Db, o: { now: Date; file?: string }): Promise<{ seeded: number }> {
  const file = loadDemoYearFile(o.file);
  const year = new Date(o.now.getTime() + CHINA_OFFSET_MS).getUTCFullYear();
  const [done] = await db.select({ id: cases.id }).from(cases).where(eq(cases.sourceKey, `demo-year:${year}:0`));
  const communities = await listCommunities(db, file.street);
  if (done || communities.length === 0) return { seeded: 0 };
  const plan = planDemoYear(file, { year, now: o.now, communities });
  return db.transaction(async (tx) => {
    const made = await tx.insert(cases).values(plan.cases).returning({ id: cases.id, sourceKey: cases.sourceKey });
    const idOf = new Map(made.map((m) => [m.sourceKey!, m.id]));
    const idFor = (key: string) => idOf.get(key)!;
    if (plan.funding.length)
      await tx.insert(caseFunding).values(plan.funding.map((f) => ({ caseId: idFor(f.sourceKey), source: f.source, funder: f.funder, amount: f.amount, createdAt: o.now })));
    if (plan.ratings.length)
      await tx.insert(evaluations).values(plan.ratings.map((e) => ({ caseId: idFor(e.sourceKey), openid: e.openid, score: e.score, createdAt: o.now })));
    return { seeded: made.length };
  });
}
