import { and, desc, eq, gte, notExists, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases, evaluations, subscriptions } from '../db/schema.js';

/**
 * The answer to "问题解决了吗？1 已解决 2 没解决" after a report is resolved. A free reply counts:
 * "没修好，灯还是不亮" is a "not solved" with the resident's words.
 */
export type FeedbackAnswer = { satisfied: true; comment?: string } | { satisfied: false; comment: string };

const YES = /^(1|已解决|解决了|满意|修好了|好了|已经修好了|谢谢)$/;
const NO_WORDS = /(没解决|没有解决|未解决|不满意|没修好|没有修好|还没修|还是不亮|还是坏|还没好|没人来|不行)/;

export function parseFeedback(text: string): FeedbackAnswer | undefined {
  const t = text.normalize('NFKC').trim().replace(/[。！!.,，\s]+$/u, '');
  if (YES.test(t)) return { satisfied: true };
  if (t === '2') return { satisfied: false, comment: '问题没有解决' };
  if (NO_WORDS.test(t)) return { satisfied: false, comment: t };
  return undefined;
}

/** How long after resolution a resident's answer still counts as feedback. */
const WINDOW_DAYS = 14;

/** The resident's most recently resolved report not yet evaluated, within the window. */
export async function reportAwaitingFeedback(db: Db, openid: string, now: Date): Promise<number | undefined> {
  const since = new Date(now.getTime() - WINDOW_DAYS * 24 * 3600_000);
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.openid, openid),
        eq(cases.kind, 'report'),
        eq(cases.status, 'resolved'),
        gte(cases.resolvedAt, since),
        notExists(
          db
            .select({ one: sql`1` })
            .from(evaluations)
            .where(and(eq(evaluations.caseId, cases.id), eq(evaluations.openid, openid), gte(evaluations.createdAt, cases.resolvedAt))),
        ),
      ),
    )
    .orderBy(desc(cases.resolvedAt))
    .limit(1);
  return row?.id;
}

/** 评议 of a completed project: "5", "5分", "打4分 很满意", "3 还可以" → score and optional comment. */
export function parseRating(text: string): { score: number; comment?: string } | undefined {
  const t = text.normalize('NFKC').trim();
  const m = /^(?:打|评|给)?\s*([1-5])\s*(?:分|星)?(?:[\s,，。:：、-]+(.{1,200}))?$/su.exec(t);
  if (!m) return undefined;
  const comment = m[2]?.trim();
  return { score: Number(m[1]), ...(comment ? { comment } : {}) };
}

const RATING_WINDOW_DAYS = 30;

/** The latest completed project the resident follows and has not rated, completed within the window. */
export async function projectAwaitingRating(db: Db, openid: string, now: Date): Promise<number | undefined> {
  const since = new Date(now.getTime() - RATING_WINDOW_DAYS * 24 * 3600_000);
  const [row] = await db
    .select({ id: cases.id })
    .from(cases)
    .innerJoin(subscriptions, and(eq(subscriptions.caseId, cases.id), eq(subscriptions.openid, openid)))
    .where(
      and(
        eq(cases.kind, 'proposal'),
        eq(cases.status, 'completed'),
        gte(cases.updatedAt, since),
        notExists(db.select({ one: sql`1` }).from(evaluations).where(and(eq(evaluations.caseId, cases.id), eq(evaluations.openid, openid)))),
      ),
    )
    .orderBy(desc(cases.updatedAt))
    .limit(1);
  return row?.id;
}
