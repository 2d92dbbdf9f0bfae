import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeUnansweredResolved, recordProjectRating, recordReportFeedback } from '../../src/civic/evaluation.js';
import { getCasePublic } from '../../src/civic/lookup.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { subscribeCase } from '../../src/civic/follow.js';
import type { Database } from '../../src/db/client.js';
import { evaluations } from '../../src/db/schema.js';
import { caseRow, ctxAt, days, errorOf, eventsOf, forceStatus, openSeeded, outboxOf, proposal, report, staff, T0 } from './fixtures.js';

describe('evaluation', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openSeeded();
  });
  afterAll(() => database.close());

  it('not satisfied reopens with the resident’s words; satisfied closes (不满意重办 loop)', async () => {
    const { db } = database;
    const id = await report(db, { openid: 'o-e' });
    await subscribeCase(db, id, 'o-watch', T0);
    await transition(db, { caseId: id, to: 'accepted', actor: staff, data: { assignee: '城管办' } }, ctxAt(days(0.1)));
    await transition(db, { caseId: id, to: 'resolved', actor: staff, publicNote: '已更换灯泡' }, ctxAt(days(1)));
    expect((await errorOf(recordReportFeedback(db, { caseId: id, openid: 'o-e', satisfied: false }, ctxAt()))).code).toBe('bad_request');
    expect((await errorOf(recordReportFeedback(db, { caseId: id, openid: 'o-watch', satisfied: true }, ctxAt()))).code).toBe('forbidden');

    const reopened = await recordReportFeedback(db, { caseId: id, openid: 'o-e', satisfied: false, comment: '晚上还是不亮' }, ctxAt(days(2)));
    expect(reopened).toMatchObject({ from: 'resolved', to: 'in_progress', statusLabel: '处理中' });
    const row = await caseRow(db, id);
    expect(row.status).toBe('in_progress');
    expect(row.resolvedAt).toBeNull();
    const ev = (await eventsOf(db, id)).at(-1)!;
    expect(ev).toMatchObject({ actorType: 'resident', actorId: 'o-e', publicNote: '居民不满意：晚上还是不亮', data: { satisfied: false } });
    // the watcher is told, the resident who answered is not
    const pushes = (await outboxOf(db, id)).filter((o) => o.eventId === reopened.eventId);
    expect(pushes.map((o) => o.openid)).toEqual(['o-watch']);
    expect((await getCasePublic(db, id)).timeline[0]).toMatchObject({ statusLabel: '处理中', note: '居民不满意：晚上还是不亮' });

    await transition(db, { caseId: id, to: 'resolved', actor: staff, publicNote: '已更换线路' }, ctxAt(days(3)));
    const closed = await recordReportFeedback(db, { caseId: id, openid: 'o-e', satisfied: true, comment: '谢谢' }, ctxAt(days(4)));
    expect(closed).toMatchObject({ to: 'closed', statusLabel: '已结案' });
    const evals = await db.select().from(evaluations).where(eq(evaluations.caseId, id));
    expect(evals).toMatchObject([{ openid: 'o-e', satisfied: true, comment: '谢谢' }]);
    expect((await errorOf(recordReportFeedback(db, { caseId: id, openid: 'o-e', satisfied: true }, ctxAt()))).code).toBe('conflict');
  });

  it('feedback on a case that is not waiting for it is refused', async () => {
    const { db } = database;
    const id = await report(db, { openid: 'o-q' });
    expect((await errorOf(recordReportFeedback(db, { caseId: id, openid: 'o-q', satisfied: true }, ctxAt()))).code).toBe('conflict');
    expect((await caseRow(db, id)).status).toBe('submitted');
    expect(await db.select().from(evaluations).where(eq(evaluations.caseId, id))).toEqual([]);
  });

  it('rates a completed project once per resident and exposes the average', async () => {
    const { db } = database;
    const id = await proposal(db);
    expect((await errorOf(recordProjectRating(db, { caseId: id, openid: 'o-1', score: 5 }, ctxAt()))).code).toBe('conflict');
    await forceStatus(db, id, 'completed');
    await recordProjectRating(db, { caseId: id, openid: 'o-1', score: 5, comment: '很好' }, ctxAt());
    await recordProjectRating(db, { caseId: id, openid: 'o-2', score: 4 }, ctxAt());
    const r = await recordProjectRating(db, { caseId: id, openid: 'o-3', score: 4 }, ctxAt());
    expect(r).toEqual({ average: 4.3, count: 3 });
    expect((await errorOf(recordProjectRating(db, { caseId: id, openid: 'o-1', score: 1 }, ctxAt()))).code).toBe('conflict');
    expect((await errorOf(recordProjectRating(db, { caseId: id, openid: 'o-4', score: 6 }, ctxAt()))).code).toBe('bad_request');
    expect((await getCasePublic(db, id)).rating).toEqual({ average: 4.3, count: 3 });
    await transition(db, { caseId: id, to: 'evaluated', actor: { type: 'system', id: 'job' } }, ctxAt());
    expect((await errorOf(recordProjectRating(db, { caseId: id, openid: 'o-5', score: 3 }, ctxAt()))).code).toBe('conflict');
    const rep = await report(db);
    expect((await errorOf(recordProjectRating(db, { caseId: rep, openid: 'o-1', score: 3 }, ctxAt()))).code).toBe('bad_request');
  });

  it('closes resolved reports nobody answered', async () => {
    const { db } = database;
    const old = await report(db, { openid: 'o-old' });
    await forceStatus(db, old, 'resolved', { resolvedAt: days(-8) });
    const fresh = await report(db, { openid: 'o-fresh' });
    await forceStatus(db, fresh, 'resolved', { resolvedAt: days(-2) });
    const closed = await closeUnansweredResolved(db, { olderThanDays: 7, now: T0 });
    expect(closed).toContain(old);
    expect(closed).not.toContain(fresh);
    expect((await caseRow(db, old)).status).toBe('closed');
    expect((await caseRow(db, fresh)).status).toBe('resolved');
    expect((await eventsOf(db, old)).at(-1)).toMatchObject({ actorType: 'system', toStatus: 'closed', publicNote: '办结后7天内未收到评价，系统自动结案' });
    expect((await outboxOf(db, old)).map((o) => o.openid)).toEqual(['o-old']);
    expect(await closeUnansweredResolved(db, { olderThanDays: 7, now: T0 })).toEqual([]);
  });
});
