import { and, desc, eq, ne, or, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases } from '../db/schema.js';
import { caseStatusWhere } from './kinds/registry.js';
import { proposalSupportCounts, supportStatuses } from './support.js';

export interface SimilarProposal {
  caseId: number;
  title: string;
  /** residents who support it already (支持 N) */
  supporters: number;
}

/** how many recent proposals of the community are compared (a community collects a few hundred a year) */
const CANDIDATES = 300;
/** the least Dice similarity of two titles' character pairs that is worth asking about */
const THRESHOLD = 0.5;

/** the character pairs of a title, without spaces and punctuation (加装路灯 → 加装, 装路, 路灯) */
function pairs(s: string): string[] {
  const t = s.replace(/[\s\p{P}\p{S}]+/gu, '');
  if (t.length < 2) return t ? [t] : [];
  return Array.from({ length: t.length - 1 }, (_, i) => t.slice(i, i + 2));
}

/** Dice coefficient of two titles' character pairs, 0..1 */
export function titleSimilarity(a: string, b: string): number {
  const x = pairs(a);
  const y = pairs(b);
  if (!x.length || !y.length) return 0;
  const left = [...y];
  let common = 0;
  for (const p of x) {
    const i = left.indexOf(p);
    if (i >= 0) {
      common += 1;
      left.splice(i, 1);
    }
  }
  return (2 * common) / (x.length + y.length);
}

/**
 * Proposals of the community still collected (征集) whose title is like the one being proposed,
 * most alike first: the resident may support one (支持) instead of filing the same thing twice.
 * The resident's own proposals are left out (they cannot support them).
 */
export async function findSimilarProposals(
  db: Db,
  o: { communityId: string; title: string; openid: string; limit?: number },
): Promise<SimilarProposal[]> {
  const rows = await db
    .select({ id: cases.id, title: cases.title })
    .from(cases)
    .where(
      and(
        caseStatusWhere((_a, status, kind) => supportStatuses(kind)?.includes(status) ?? false),
        eq(cases.communityId, o.communityId),
        or(isNull(cases.openid), ne(cases.openid, o.openid)),
      ),
    )
    .orderBy(desc(cases.createdAt))
    .limit(CANDIDATES);
  const alike = rows
    .map((r) => ({ id: r.id, title: r.title ?? '', score: titleSimilarity(o.title, r.title ?? '') }))
    .filter((r) => r.score >= THRESHOLD)
    .sort((a, b) => b.score - a.score || b.id - a.id)
    .slice(0, o.limit ?? 3);
  const counts = await proposalSupportCounts(
    db,
    alike.map((a) => a.id),
  );
  return alike.map((a) => ({ caseId: a.id, title: a.title, supporters: counts.get(a.id) ?? 0 }));
}
