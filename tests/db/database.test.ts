import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { cases, communities, residents, streets } from '../../src/db/schema.js';
import { DB_KINDS, openTestDatabase } from '../helpers/db.js';

describe.each(DB_KINDS)('database (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(() => database.close());

  it('applies the same migrations and round-trips rows', async () => {
    const { db } = database;
    await db.insert(streets).values({ id: 'nantou', name: '南头街道', district: '南山区' });
    await db.insert(communities).values({ id: 'nantou-chengjie', streetId: 'nantou', name: '南头城社区' });
    await db.insert(residents).values({ openid: 'o1', communityId: 'nantou-chengjie' });
    const [row] = await db
      .insert(cases)
      .values({ kind: 'report', status: 'submitted', openid: 'o1', description: '路灯坏了 "007"', estimatedCost: 2_000_000_000_00 })
      .returning();
    expect(row!.id).toBeGreaterThan(0);
    const [back] = await db.select().from(cases).where(eq(cases.id, row!.id));
    expect(back!.description).toBe('路灯坏了 "007"');
    expect(back!.estimatedCost).toBe(2_000_000_000_00);
    await database.ping();
  });

  it('refuses a second case from the same inbound message', async () => {
    const { db } = database;
    await db.insert(cases).values({ kind: 'report', status: 'submitted', description: 'a', sourceKey: 'm:1' });
    await expect(db.insert(cases).values({ kind: 'report', status: 'submitted', description: 'b', sourceKey: 'm:1' })).rejects.toThrow();
    const n = await db.execute(sql`select count(*)::int as n from cases where source_key = 'm:1'`);
    expect(JSON.stringify(n)).toContain('1');
  });
});
