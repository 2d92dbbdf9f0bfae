import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition, transitionInTx } from '../../src/civic/lifecycle/transition.js';
import { markUnreachable } from '../../src/civic/residents.js';
import { followCase, subscribeCase } from '../../src/civic/follow.js';
import { subscribeCommunity } from '../../src/civic/subscriptions.js';
import type { Database } from '../../src/db/client.js';
import { AppError } from '../../src/errors.js';
import {
  caseRow,
  count,
  ctxAt,
  errorOf,
  eventsOf,
  forceStatus,
  openSeeded,
  outboxOf,
  proposal,
  report,
  staff,
  T0,
} from './fixtures.js';

const accept = { assignee: '南头街道城管办' };

describe('transition', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
  });
  afterAll(() => database.close());

  it('accepting records who, when, from, to, notes and data, and sets the handling fields', async () => {
    const { db } = database;
    const id = await report(db);
    const now = new Date(T0.getTime() + 3600_000);
    await transition(
      db,
      { caseId: id, to: 'accepted', actor: staff, publicNote: '已派单', internalNote: '张工负责', data: accept },
      { now },
    );
    const row = await caseRow(db, id);
    expect(row).toMatchObject({ status: 'accepted', assignee: '南头街道城管办' });
    expect(row.acceptedAt!.toISOString()).toBe(now.toISOString());
    expect(row.dueAt).not.toBeNull(); // the category's due date from submission
    const ev = (await eventsOf(db, id)).at(-1)!;
    expect(ev).toMatchObject({
      actorType: 'staff',
      actorId: 'staff:1',
      fromStatus: 'submitted',
      toStatus: 'accepted',
      publicNote: '已派单',
      internalNote: '张工负责',
      data: { assignee: '南头街道城管办' },
    });
    expect(ev.at.toISOString()).toBe(now.toISOString());
  });

  it('refuses moves that lack what they need', async () => {
    const { db } = database;
    const id = await report(db);
    const e1 = await errorOf(transition(db, { caseId: id, to: 'accepted', actor: staff }, ctxAt()));
    expect(e1).toMatchObject({ code: 'bad_request' });
    expect(e1.message).toContain('承办人');
    expect((await errorOf(transition(db, { caseId: id, to: 'rejected', actor: staff }, ctxAt()))).message).toBe(
      '不予受理需要说明理由',
    );
    expect((await errorOf(transition(db, { caseId: id, to: 'duplicate', actor: staff, data: { duplicateOf: id } }, ctxAt()))).message).toBe(
      '不能合并到自身',
    );
    expect((await errorOf(transition(db, { caseId: id, to: 'duplicate', actor: staff, data: { duplicateOf: 99999 } }, ctxAt()))).code).toBe(
      'bad_request',
    );
    await forceStatus(db, id, 'resolved');
    expect((await errorOf(transition(db, { caseId: id, to: 'in_progress', actor: staff }, ctxAt()))).code).toBe('bad_request');
    expect((await errorOf(transition(db, { caseId: id, to: 'flying', actor: staff }, ctxAt()))).message).toBe('未知的状态：flying');
    const p = await proposal(db);
    await forceStatus(db, p, 'reviewing');
    expect((await errorOf(transition(db, { caseId: p, to: 'approved', actor: staff, data: { batch: '一' } }, ctxAt()))).code).toBe(
      'bad_request',
    );
    expect((await errorOf(transition(db, { caseId: p, to: 'declined', actor: staff }, ctxAt()))).code).toBe('bad_request');
    await forceStatus(db, p, 'approved');
    const backwards = { publicityStart: '2026-03-10', publicityEnd: '2026-03-03' };
    expect((await errorOf(transition(db, { caseId: p, to: 'publicised', actor: staff, data: backwards }, ctxAt()))).code).toBe(
      'bad_request',
    );
    await forceStatus(db, p, 'implementing');
    expect((await errorOf(transition(db, { caseId: p, to: 'completed', actor: staff, data: { actualCost: 1 } }, ctxAt()))).message).toBe(
      '完成前需要登记一次通过的验收',
    );
    expect((await errorOf(transition(db, { caseId: 99999, to: 'accepted', actor: staff }, ctxAt()))).code).toBe('not_found');
  });

  it('only the right actors move a case', async () => {
    const { db } = database;
    const id = await report(db);
    const byResident = transition(db, { caseId: id, to: 'accepted', actor: { type: 'resident', id: 'o-author' }, data: accept }, ctxAt());
    expect((await errorOf(byResident)).code).toBe('forbidden');
    await forceStatus(db, id, 'resolved');
    const stranger = transition(db, { caseId: id, to: 'closed', actor: { type: 'resident', id: 'o-other' } }, ctxAt());
    expect((await errorOf(stranger)).code).toBe('forbidden');
    await transition(db, { caseId: id, to: 'closed', actor: { type: 'resident', id: 'o-author' } }, ctxAt());
    expect((await caseRow(db, id)).status).toBe('closed');
  });

  it('a stale view is a conflict', async () => {
    const { db } = database;
    const id = await report(db);
    await transition(db, { caseId: id, to: 'accepted', actor: staff, data: accept }, ctxAt());
    const e = await errorOf(transition(db, { caseId: id, from: 'submitted', to: 'rejected', actor: staff, data: { reason: 'x' } }, ctxAt()));
    expect(e).toMatchObject({ code: 'conflict', message: '案件状态已变化，请刷新后重试' });
  });

  it('two concurrent transitions of one case: one wins, the other gets conflict', async () => {
    const { db } = database;
    const id = await report(db);
    const results = await Promise.allSettled([
      transition(db, { caseId: id, from: 'submitted', to: 'accepted', actor: staff, data: accept }, ctxAt()),
      transition(db, { caseId: id, from: 'submitted', to: 'rejected', actor: staff, data: { reason: '重复' } }, ctxAt()),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won.length).toBe(1);
    expect(lost.length).toBe(1);
    expect(lost[0]!.reason).toMatchObject({ code: 'conflict' });
    expect((await eventsOf(db, id)).length).toBe(2);
  });

  it('the guarded UPDATE decides when both read the same status', async () => {
    const { db } = database;
    const id = await report(db);
    let arrived = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((r) => (release = r));
    const barrier = async () => {
      arrived += 1;
      if (arrived === 2) release();
      await bothRead;
    };
    const results = await Promise.allSettled([
      transition(db, { caseId: id, to: 'accepted', actor: staff, data: accept, authorize: barrier }, ctxAt()),
      transition(db, { caseId: id, to: 'rejected', actor: staff, data: { reason: 'x' }, authorize: barrier }, ctxAt()),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(lost.reason).toMatchObject({ code: 'conflict', message: '案件状态已变化，请刷新后重试' });
    expect((await eventsOf(db, id)).length).toBe(2);
  });

  it('queues one push per subscriber in the same transaction', async () => {
    const { db } = database;
    const id = await report(db, { openid: 'o-a', description: '路灯坏了 电话13700001111' });
    await followCase(db, id, 'o-b', 'supporter', T0);
    await subscribeCase(db, id, 'o-c', T0);
    await subscribeCase(db, id, 'o-gone', T0);
    await markUnreachable(db, 'o-gone', '43004', T0);
    const r = await transition(db, { caseId: id, to: 'accepted', actor: staff, publicNote: '已派单', data: accept }, ctxAt());
    const rows = await outboxOf(db, id);
    expect(r.queued).toBe(3);
    expect(rows.map((o) => o.openid)).toEqual(['o-a', 'o-b', 'o-c']);
    for (const o of rows) {
      expect(o).toMatchObject({ kind: 'status_changed', status: 'pending', eventId: r.eventId });
      expect(o.idempotencyKey).toBe(`status:${r.eventId}:${o.openid}`);
      expect(o.payload).toMatchObject({
        caseNumber: id,
        kind: 'report',
        status: 'accepted',
        statusLabel: '已受理',
        fromStatusLabel: '已提交',
        publicNote: '已派单',
      });
      expect(Array.from(String(o.payload.title)).length).toBeLessThanOrEqual(20);
      expect(JSON.stringify(o.payload)).not.toContain('南头街道城管办'); // the assignee is internal
      expect(JSON.stringify(o.payload)).not.toContain('13700001111'); // the author's number is masked
    }
  });

  it('a failing transaction leaves no status change, no event and no push', async () => {
    const { db } = database;
    const id = await report(db, { openid: 'o-d' });
    await subscribeCase(db, id, 'o-poison', T0);
    const snapshot = async () => ({
      status: (await caseRow(db, id)).status,
      events: (await eventsOf(db, id)).length,
      outbox: await count(db, 'outbox'),
    });
    const before = await snapshot();
    // 1. the authorize hook refuses (inside the transaction, before the update)
    const refuse = () => {
      throw new AppError('forbidden', '不在您的管辖范围');
    };
    const e = await errorOf(transition(db, { caseId: id, to: 'accepted', actor: staff, data: accept, authorize: refuse }, ctxAt()));
    expect(e).toMatchObject({ code: 'forbidden', message: '不在您的管辖范围' });
    expect(await snapshot()).toEqual(before);
    // 2. the outbox insert fails after the update and the event (a trigger poisons one subscriber)
    await db.execute(sql.raw(`create or replace function civic_test_poison() returns trigger language plpgsql as $$
      begin if new.openid = 'o-poison' then raise exception 'outbox refused'; end if; return new; end $$`));
    await db.execute(sql.raw(`create trigger civic_test_poison before insert on outbox for each row execute function civic_test_poison()`));
    try {
      await expect(transition(db, { caseId: id, to: 'accepted', actor: staff, data: accept }, ctxAt())).rejects.toThrow();
      expect(await snapshot()).toEqual(before);
    } finally {
      await db.execute(sql.raw(`drop trigger civic_test_poison on outbox`));
    }
    // 3. the caller's own transaction fails after the transition
    await expect(
      db.transaction(async (tx) => {
        await transitionInTx(tx, { caseId: id, to: 'accepted', actor: staff, data: accept }, ctxAt());
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await snapshot()).toEqual(before);
    // and with nothing in the way it goes through, pushing to both subscribers
    await transition(db, { caseId: id, to: 'accepted', actor: staff, data: accept }, ctxAt());
    expect(await snapshot()).toEqual({ status: 'accepted', events: before.events + 1, outbox: before.outbox + 2 });
  });

  it('a publicised project also tells the residents subscribed to its community', async () => {
    const { db } = database;
    const id = await proposal(db, { openid: 'o-p', communityId: 'bayi' });
    await subscribeCommunity(db, 'bayi', 'o-n1', T0);
    await subscribeCommunity(db, 'bayi', 'o-p', T0); // already told as the author
    await forceStatus(db, id, 'approved', { approvedCost: 100_000_00, batch: '第一批' });
    const data = { publicityStart: '2026-03-02T00:00:00+08:00', publicityEnd: '2026-03-09T00:00:00+08:00' };
    const r = await transition(db, { caseId: id, to: 'publicised', actor: staff, data }, ctxAt());
    const rows = await outboxOf(db, id);
    expect(rows.map((o) => [o.openid, o.kind])).toEqual([
      ['o-p', 'status_changed'],
      ['o-n1', 'publicity_notice'],
    ]);
    expect(rows[1]!.idempotencyKey).toBe(`publicity:${r.eventId}:o-n1`);
    expect(rows[1]!.payload).toMatchObject({ title: '村巷加装照明灯', statusLabel: '公示中', update: 'publicity' });
  });
});
