import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeStaffAlerts, startStaffAlerts, type RunningStaffAlerts } from '../../src/console/alerts/index.js';
import { routes } from '../../src/console/contract.js';
import { auditLog, caseEvents, cases, outbox } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { openTestStore, type StoreKind } from '../helpers/stores.js';
import type { DbKind } from '../helpers/db.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

const until = async <T,>(get: () => T | undefined, what: string): Promise<T> => {
  for (let i = 0; i < 200; i++) {
    const v = get();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
};

/**
 * 督办 is an action (issue 13, item 7): a manager (admin, street) presses whoever handles a case in
 * their scope with a note; an internal timeline event, an audit row and a 【督办】 staff alert; the
 * 督办 list shows how often and when last. Residents are not told.
 */
describe.each<[DbKind, StoreKind]>([
  ['postgres', 'redis'],
  ['pglite', 'memory'],
])('督办 (%s, %s)', (dbKind, storeKind) => {
  let h: ConsoleHarness;
  let st: Client; // street manager of 南头 (南头城, 同乐 …)
  let ty: Client; // street manager of 桃源
  let nt: Client; // community staff of 南头城
  let dep: Client; // deputy of 南头城
  let admin: Client;
  const fake = new FakeStaffAlerts();
  let alerts: RunningStaffAlerts;

  beforeAll(async () => {
    h = await startConsole(dbKind, { store: openTestStore(storeKind) });
    await h.user('st', 'street', { streetId: 'nantou' });
    await h.user('ty', 'street', { streetId: 'taoyuan' });
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    await h.user('dep', 'deputy', { communityId: 'nantoucheng' });
    await h.user('root', 'admin');
    [st, ty, nt, dep, admin] = (await Promise.all(['st', 'ty', 'nt', 'dep', 'root'].map((u) => h.login(u)))) as [Client, Client, Client, Client, Client];
    // the alert channel as the service runs it, on the same store: the console's nudge reaches it
    alerts = await startStaffAlerts({ db: h.db, store: h.store, alerts: fake, channel: 'wecom', logger: silentLogger, now: h.clock.now });
  });
  afterAll(async () => {
    await alerts.stop();
    await h.close();
  });

  const supervise = (c: Client, id: number, note: string) => c.post(`/api/console/cases/${id}/supervise`, { note });

  it('records who pressed with what note on the staff timeline, audits it, and alerts the community’s staff', async () => {
    const id = await h.report({ communityId: 'nantoucheng', description: '中山南街路灯不亮三天了', openid: 'o-sup-1' });
    await st.post(`/api/console/cases/${id}/transition`, { to: 'accepted', data: { assignee: '城管办-王五' } });
    const outboxBefore = (await h.db.select().from(outbox).where(eq(outbox.caseId, id))).length;

    const r = await supervise(st, id, '请本周五前修好，并回复进展。');
    expect(r.status).toBe(200);
    expect(routes.caseSupervise.response.safeParse(r.json).success).toBe(true);
    expect(r.json).toMatchObject({ caseId: id, times: 1, at: h.clock.now().toISOString() });

    const detail = await nt.get(`/api/console/cases/${id}`);
    const ev = detail.json.timeline.find((e: { type: string }) => e.type === 'supervised');
    expect(ev).toMatchObject({ internalNote: '请本周五前修好，并回复进展。', publicNote: null, public: false, actorName: 'st名', actorType: 'staff' });
    const [audit] = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.supervise'), eq(auditLog.target, `case:${id}`)));
    expect(audit).toMatchObject({ after: { note: '请本周五前修好，并回复进展。', times: 1, eventId: ev.id } });

    const text = await until(() => fake.sent.find((t) => t.includes(`#${id}`)), 'the 【督办】 alert');
    expect(text).toBe(`【督办】报修 #${id}（南头城社区）st名：请本周五前修好，并回复进展。承办：城管办-王五。请南头城社区工作人员尽快办理，并在工作台回复进展。`);
    // once per channel: a later sweep sends nothing again
    expect(await alerts.sweepSupervised()).toBe(0);

    // residents are not told: no push queued, nothing on the public timeline
    expect((await h.db.select().from(outbox).where(eq(outbox.caseId, id))).length).toBe(outboxBefore);
  });

  it('may be repeated; the 督办 list shows how many times and when last', async () => {
    const id = await h.report({ communityId: 'tongle', description: '同乐村口井盖松动' });
    const list = async () => (await st.get('/api/console/deadlines?hours=1')).json;
    h.clock.advance(2 * 3600_000);
    expect((await list()).unacknowledged.find((c: { id: number }) => c.id === id).supervision).toBeNull();
    expect((await supervise(st, id, '请尽快受理')).json.times).toBe(1);
    h.clock.advance(3600_000);
    const second = await supervise(admin, id, '仍未受理，今天下班前回复');
    expect(second.json.times).toBe(2);
    const row = (await list()).unacknowledged.find((c: { id: number }) => c.id === id);
    expect(row.supervision).toEqual({ times: 2, lastAt: h.clock.now().toISOString() });
    const text = await until(() => fake.sent.find((t) => t.includes(`#${id}`) && t.includes('第 2 次')), 'the second alert');
    expect(text).toContain('（同乐社区）（第 2 次督办）root名：仍未受理，今天下班前回复。承办：尚未指派。');
    const events = await h.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, id), eq(caseEvents.type, 'supervised')));
    expect(events.map((e) => e.internalNote)).toEqual(['请尽快受理', '仍未受理，今天下班前回复']);
  });

  it('a street manager of another street → 403; community staff and deputies → 403; nothing written', async () => {
    const id = await h.report({ communityId: 'nantoucheng', description: '古城北门路灯不亮' });
    for (const c of [ty, nt, dep]) expect((await supervise(c, id, '请尽快办理')).status).toBe(403);
    expect(await h.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, id), eq(caseEvents.type, 'supervised')))).toEqual([]);
    expect(await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.supervise'), eq(auditLog.target, `case:${id}`)))).toEqual([]);
  });

  it('the scope is checked inside the operation: a case moved out of the street meanwhile is refused', async () => {
    const { superviseCaseAction } = await import('../../src/console/cases/supervise.js');
    const id = await h.report({ communityId: 'nantoucheng', description: '路面塌陷' });
    await h.db.update(cases).set({ communityId: 'longzhu', streetId: 'taoyuan' }).where(eq(cases.id, id));
    const deps = { db: h.db, store: h.store, api: () => undefined, logger: silentLogger, config: { publicUrl: '' } as never, media: h.media, now: h.clock.now };
    const me = { id: 1, username: 'st', displayName: 'st名', role: 'street' as const, streetId: 'nantou', communityId: null, unit: null };
    await expect(superviseCaseAction(deps, me, id, { note: '请办理' })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses an empty note and a closed case in words', async () => {
    const id = await h.report({ communityId: 'nantoucheng' });
    expect((await supervise(st, id, '   ')).status).toBe(400);
    // invisible characters only: the domain operation refuses it too
    const blank = await supervise(st, id, '\u200b');
    expect(blank.status).toBe(400);
    expect(blank.json.error.message).toBe('请写下督办要求，例如办结期限或需要回复的进展');
    await h.db.update(cases).set({ status: 'closed' }).where(eq(cases.id, id));
    const closed = await supervise(st, id, '请回复');
    expect(closed.status).toBe(400);
    expect(closed.json.error.message).toMatch(/^「.+」状态下不能督办$/);
  });
});
