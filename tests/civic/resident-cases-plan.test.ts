import { fillPlaceholders, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { addSubscription, listResidentCases, residentCasesSelect, seedCommunities } from '../../src/civic/index.js';
import { openTestDatabase } from '../helpers/db.js';

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Cond'?: string; Plans?: PlanNode[] };
const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/**
 * 我的 on a table of many cases reads only the resident's own: the plan finds them by the openid
 * indexes of cases and subscriptions, never by walking the whole of cases (which the first version,
 * "filed by or followed by" over a left join, did for every 我的).
 */
describe('我的 reads only the resident’s cases', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    const db = database.db;
    await seedCommunities(db);
    // 20,000 cases of other residents, 2 of ours, 1 we follow
    await db.execute(sql`insert into residents (openid) select 'other-' || g from generate_series(1, 20000) g union all select 'oPlan'`);
    await db.execute(sql`insert into cases (kind, openid, source_key, category, description, community_id, status)
      select 'report', 'other-' || g, 'plan-' || g, 'road', '路面有坑', 'daxin', 'submitted' from generate_series(1, 20000) g`);
    await db.execute(sql`insert into cases (kind, openid, source_key, category, description, community_id, status)
      values ('report', 'oPlan', 'plan-mine-1', 'road', '路灯不亮', 'daxin', 'submitted'), ('report', 'oPlan', 'plan-mine-2', 'road', '井盖松动', 'daxin', 'submitted')`);
    await addSubscription(db, { caseId: 7, openid: 'oPlan', role: 'follower', now: new Date() });
    await db.execute(sql`analyze cases`);
    await db.execute(sql`analyze subscriptions`);
  }, 120_000);
  afterAll(async () => {
    await database.close();
  });

  it('finds them by index, and lists them newest first', async () => {
    const mine = await listResidentCases(database.db, 'oPlan');
    expect(mine.map((c) => c.role).sort()).toEqual(['author', 'author', 'follower']);
    const q = residentCasesSelect(database.db).toSQL();
    const params = fillPlaceholders(q.params, { openid: 'oPlan', limit: 20 });
    const rows = (await database.db.execute(sql.raw(`explain (format json) ${q.sql.replace(/\$(\d+)/g, (_, i: string) => literal(params[Number(i) - 1]))}`))) as unknown;
    const plan = ((Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows)[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan;
    const onCases = nodes(plan).filter((n) => n['Relation Name'] === 'cases');
    expect(onCases.length).toBeGreaterThan(0);
    // every read of cases is by an index condition (openid or id): none walks the table
    for (const n of onCases) expect(n['Index Cond'], JSON.stringify(n)).toBeDefined();
  });
});

const literal = (v: unknown): string => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);
