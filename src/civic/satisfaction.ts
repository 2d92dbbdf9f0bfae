import { sql } from 'drizzle-orm';

/**
 * Satisfaction of the projects selected, as two SQL aggregate columns over `cases` (sums of
 * correlated subqueries, so they group with any GROUP BY of cases): `rated` residents who answered
 * about a project, `satisfied` those of them satisfied. This is the one place that says what
 * satisfaction is, and every figure follows it:
 * - a project with answers to the satisfaction survey (满意度调查, src/civic/survey.ts) counts those:
 *   满意 and 基本满意 are satisfied (the 满意率 officials report counts both), 不满意 is not;
 * - a case without survey answers counts the residents' ratings (评议, src/civic/evaluation.ts): a
 *   1–5 score is satisfied from 4 up; a yes/no answer (a report's 评价) as given.
 */
export function satisfactionColumns() {
  const surveyed = (cond: string) => `(select count(*) from survey_answers s where s.case_id = cases.id and ${cond})`;
  const rated = (cond: string) => `(select count(*) from evaluations e where e.case_id = cases.id and ${cond})`;
  const one = (survey: string, ratings: string) =>
    sql<string>`coalesce(sum(case when ${sql.raw(surveyed('true'))} > 0 then ${sql.raw(surveyed(survey))} else ${sql.raw(rated(ratings))} end), 0)::text`;
  return {
    rated: one('true', '(e.satisfied is not null or e.score is not null)'),
    satisfied: one("s.answer in ('satisfied', 'fair')", 'coalesce(e.satisfied, e.score >= 4)'),
  };
}
