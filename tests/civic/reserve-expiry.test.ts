import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeExpiredReserve, loadReserveRules, yearsBefore } from '../../src/civic/budgets/index.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { supportProposal } from '../../src/civic/support.js';
import { ConfigError } from '../../src/config/env.js';
import type { Database } from '../../src/db/client.js';
import { caseRow, days, eventsOf, forceStatus, openSeeded, outboxOf, proposal, staff, T0 } from './fixtures.js';

describe('备选库: kept config/reserve.yaml\'s years, then closed with a push', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
  });
  afterAll(() => database.close());

  /** a proposal put in reserve at `at` by staff, with a supporter */
  const inReserve = async (at: Date, supporter: string) => {
    const id = await proposal(database.db, { openid: `o-proposer-${supporter}` }, at);
    await supportProposal(database.db, id, supporter, at, { milestones: [] });
    await forceStatus(database.db, id, 'reviewing');
    await transition(database.db, { caseId: id, to: 'reserve', actor: staff }, { now: at });
    return id;
  };

  it('reads two years by default; a bad value is refused naming the key', () => {
    expect(loadReserveRules()).toEqual({ keepYears: 2 });
    const dir = mkdtempSync(path.join(tmpdir(), 'reserve-'));
    const bad = path.join(dir, 'reserve.yaml');
    writeFileSync(bad, 'keepYears: 0\n');
    expect(() => loadReserveRules(bad)).toThrow(ConfigError);
    expect(() => loadReserveRules(bad)).toThrow(/keepYears/);
    expect(yearsBefore(new Date('2028-03-02T02:00:00Z'), 2).toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });

  it('closes what has been in reserve for the years, not a day sooner; once; a promoted one stays', async () => {
    const old = await inReserve(T0, 'o-s1');
    const younger = await inReserve(days(1), 'o-s2');
    const promoted = await inReserve(T0, 'o-s3');
    await transition(database.db, { caseId: promoted, to: 'approved', actor: staff, data: { approvedCost: 100_00 } }, { now: days(30) });
    const twoYears = new Date('2028-03-02T02:00:00Z');
    const before = (await outboxOf(database.db)).length;
    expect(await closeExpiredReserve(database.db, { keepYears: 2, now: new Date(twoYears.getTime() - 1) })).toEqual([]);
    expect(await closeExpiredReserve(database.db, { keepYears: 2, now: twoYears })).toEqual([old]);
    expect(await closeExpiredReserve(database.db, { keepYears: 2, now: twoYears })).toEqual([]);
    expect((await caseRow(database.db, old)).status).toBe('declined');
    expect((await caseRow(database.db, younger)).status).toBe('reserve');
    expect((await caseRow(database.db, promoted)).status).toBe('approved');
    expect((await eventsOf(database.db, old)).at(-1)).toMatchObject({ actorType: 'system', actorId: 'reserve-expiry', fromStatus: 'reserve', toStatus: 'declined', publicNote: '备选库保留期已满，提议关闭' });
    // the proposer and the supporter are told
    const fresh = (await outboxOf(database.db)).slice(before);
    expect(fresh.every((p) => p.caseId === old)).toBe(true);
    expect(fresh.map((p) => p.openid).sort()).toEqual(['o-proposer-o-s1', 'o-s1']);
  });

  it('a proposal reviewed again and put back in reserve counts from the latest time', async () => {
    const id = await inReserve(T0, 'o-s4');
    await transition(database.db, { caseId: id, to: 'reviewing', actor: staff }, { now: days(300) });
    await transition(database.db, { caseId: id, to: 'reserve', actor: staff }, { now: days(301) });
    expect(await closeExpiredReserve(database.db, { keepYears: 2, now: new Date('2028-03-03T02:00:00Z') })).not.toContain(id);
    expect(await closeExpiredReserve(database.db, { keepYears: 2, now: days(301 + 731) })).toContain(id);
  });
});
