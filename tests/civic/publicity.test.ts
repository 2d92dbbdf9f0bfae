import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { defaultPublicityRules, loadPublicityRules, publicityDays } from '../../src/civic/publicity.js';
import type { Database } from '../../src/db/client.js';
import type { DbKind } from '../helpers/db.js';
import { at, caseRow, errorOf, eventsOf, forceStatus, openSeeded, proposal, staff } from './fixtures.js';

/** China-time instants, as the console's date pickers send them (a start at 0:00, an end at 23:59:59.999) */
const dayStart = (d: string) => at(`${d}T00:00:00+08:00`);
const dayEnd = (d: string) => at(`${d}T23:59:59.999+08:00`);

describe('publicityDays counts natural days, China time, both ends', () => {
  it('12月7日 至 12月13日 is 7 days, whatever the hour of either end', () => {
    expect(publicityDays(dayStart('2026-12-07'), dayEnd('2026-12-13'))).toBe(7);
    expect(publicityDays(at('2026-12-07T15:30:00+08:00'), at('2026-12-13T09:00:00+08:00'))).toBe(7);
    // 23:00 UTC on the 6th is already the 7th in Shenzhen
    expect(publicityDays(at('2026-12-06T23:00:00Z'), dayEnd('2026-12-13'))).toBe(7);
    expect(publicityDays(dayStart('2026-12-07'), dayEnd('2026-12-12'))).toBe(6);
  });
});

describe.each<DbKind>(['postgres', 'pglite'])('公示 before 开始实施 (%s)', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded(kind);
  });
  afterAll(() => database.close());

  const publicise = async (start: Date, end: Date, now: Date, publicity?: { minDays: number }) => {
    const p = await proposal(database.db, {}, now);
    await forceStatus(database.db, p, 'approved', { approvedCost: 30_000_00, batch: '2026年第二批' });
    const move = transition(
      database.db,
      { caseId: p, to: 'publicised', actor: staff, data: { publicityStart: start.toISOString(), publicityEnd: end.toISOString() } },
      { now, ...(publicity ? { publicity } : {}) },
    );
    return { p, move };
  };

  it('refuses a 公示 shorter than the default 7 days, naming the minimum and the earliest end', async () => {
    const { p, move } = await publicise(dayStart('2026-12-07'), dayEnd('2026-12-12'), dayStart('2026-12-07'));
    const e = await errorOf(move);
    expect(e.code).toBe('bad_request');
    expect(e.message).toBe('公示期至少 7 天（首尾两天都算）：从 12月7日 开始，最早到 12月13日 结束');
    expect((await caseRow(database.db, p)).status).toBe('approved');
    expect(await eventsOf(database.db, p)).toHaveLength(1);
  });

  it('accepts exactly 7 days as the date pickers send them', async () => {
    const { p, move } = await publicise(dayStart('2026-12-07'), dayEnd('2026-12-13'), dayStart('2026-12-07'));
    await move;
    const row = await caseRow(database.db, p);
    expect(row.status).toBe('publicised');
    expect(row.publicityEnd).toEqual(dayEnd('2026-12-13'));
  });

  it('takes the minimum from the account’s settings (CivicContext.publicity), not a constant', async () => {
    const short = await publicise(dayStart('2026-12-07'), dayEnd('2026-12-09'), dayStart('2026-12-07'), { minDays: 3 });
    await short.move;
    expect((await caseRow(database.db, short.p)).status).toBe('publicised');
    const long = await publicise(dayStart('2026-12-07'), dayEnd('2026-12-13'), dayStart('2026-12-07'), { minDays: 10 });
    expect((await errorOf(long.move)).message).toBe('公示期至少 10 天（首尾两天都算）：从 12月7日 开始，最早到 12月16日 结束');
  });

  it('refuses 开始实施 until 公示 has ended: 「公示到 12月14日 结束，结束后才能开始实施」', async () => {
    const { p, move } = await publicise(dayStart('2026-12-08'), dayEnd('2026-12-14'), dayStart('2026-12-08'));
    await move;
    const implement = (now: Date) => transition(database.db, { caseId: p, to: 'implementing', actor: staff, publicNote: '开始施工' }, { now });
    // the next minute, the last day of the notice, and its last millisecond: all refused, nothing written
    for (const now of [at('2026-12-08T00:01:00+08:00'), at('2026-12-14T12:00:00+08:00'), at('2026-12-14T23:59:59.998+08:00')]) {
      const e = await errorOf(implement(now));
      expect(e.code).toBe('bad_request');
      expect(e.message).toBe('公示到 12月14日 结束，结束后才能开始实施');
    }
    expect((await caseRow(database.db, p)).status).toBe('publicised');
    expect(await eventsOf(database.db, p)).toHaveLength(2);
    // the moment it ends, the works may start
    await implement(dayEnd('2026-12-14'));
    expect((await caseRow(database.db, p)).status).toBe('implementing');
  });

  it('names the hour when a 公示 was set to end within a day', async () => {
    const { p, move } = await publicise(at('2026-12-08T15:00:00+08:00'), at('2026-12-15T15:00:00+08:00'), at('2026-12-08T15:00:00+08:00'));
    await move;
    const e = await errorOf(transition(database.db, { caseId: p, to: 'implementing', actor: staff }, { now: at('2026-12-15T09:00:00+08:00') }));
    expect(e.message).toBe('公示到 12月15日 15:00 结束，结束后才能开始实施');
  });

  it('an objection upheld during 公示 still sends the project back to review at once', async () => {
    const { p, move } = await publicise(dayStart('2026-12-08'), dayEnd('2026-12-14'), dayStart('2026-12-08'));
    await move;
    await transition(database.db, { caseId: p, to: 'reviewing', actor: staff, publicNote: '收到异议，重新审核' }, { now: dayStart('2026-12-09') });
    expect((await caseRow(database.db, p)).status).toBe('reviewing');
  });
});

describe('config/publicity.yaml', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'publicity-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the shipped file says 7 days', () => {
    expect(defaultPublicityRules()).toEqual({ minDays: 7 });
  });

  it('a bad value names the file and the key', () => {
    const file = path.join(dir, 'publicity.yaml');
    writeFileSync(file, 'minDays: 0\n');
    expect(() => loadPublicityRules(file)).toThrow(`${file}: minDays:`);
    writeFileSync(file, 'minDays: 5\n');
    expect(loadPublicityRules(file)).toEqual({ minDays: 5 });
  });
});
