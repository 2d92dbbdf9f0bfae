import { sql } from 'drizzle-orm';

/**
 * Satisfaction of the projects selected, as two SQL aggregate columns over `cases` (sums of
 * correlated subqueries, so they group with any GROUP BY of cases): `rated` residents who rated a
 * project, `satisfied` those of them satisfied. Today it reads the residents' ratings (评议,
 * src/civic/evaluation.ts): a 1–5 score counts as satisfied from 4 up; a yes/no answer as given.
 * This is the one place that says what satisfaction is: when the satisfaction survey (满意 / 基本满意 /
 * 不满意) lands, it answers here instead, and every figure follows.
 */
export function satisfactionColumns() {
  const one = (cond: string) =>
    sql<string>`coalesce(sum((select count(*) from evaluations e where e.case_id = cases.id and ${sql.raw(cond)})), 0)::text`;
  return {
    rated: one('(e.satisfied is not null or e.score is not null)'),
    satisfied: one('coalesce(e.satisfied, e.score >= 4)'),
  };
}
