import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitReport } from '../../src/civic/index.js';
import { auditLog, cases, subscriptions } from '../../src/db/schema.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * 改派社区 (issue 12, item 1): a case filed at the wrong community moves to another, audited, its
 * scope checked on the case and on the target, its subscribers and due date kept, a timeline entry
 * written; and a case the resident left to a street (不清楚) is in that street's queue only. When not
 * even the street is known, the street of the resident's own community triages it, else the admins'
 * pool: never every street office at once.
 */
describe.each(['postgres', 'pglite'] as const)('改派社区 and the street’s triage queue (%s)', (kind) => {
  let h: ConsoleHarness;
  let nt: Client; // community staff of 南头城 (street nantou)
  let lz: Client; // community staff of 龙珠 (street taoyuan)
  let st: Client; // street staff of 南头
  let ty: Client; // street staff of 桃源
  let dep: Client; // deputy of 南头城
  let admin: Client;
  let stId: number;

  beforeAll(async () => {
    h = await startConsole(kind);
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    await h.user('lz', 'community', { communityId: 'longzhu' });
    stId = await h.user('st', 'street', { streetId: 'nantou' });
    await h.user('ty', 'street', { streetId: 'taoyuan' });
    await h.user('dep', 'deputy', { communityId: 'nantoucheng' });
    await h.user('root', 'admin');
    [nt, lz, st, ty, dep, admin] = (await Promise.all(['nt', 'lz', 'st', 'ty', 'dep', 'root'].map((u) => h.login(u)))) as [Client, Client, Client, Client, Client, Client];
  });
  afterAll(() => h.close());

  it('community staff hand their own case to another community; the case, its followers and its due date follow', async () => {
    const id = await h.report({ communityId: 'longzhu', description: '古城门口路灯不亮', openid: 'o-re-1' });
    const [before] = await h.db.select().from(cases).where(eq(cases.id, id));
    // not theirs: 南头城 staff cannot move 龙珠's case, nor see it
    expect((await nt.post(`/api/console/cases/${id}/reassign`, { communityId: 'nantoucheng' })).status).toBe(403);
    expect((await dep.post(`/api/console/cases/${id}/reassign`, { communityId: 'nantoucheng' })).status).toBe(403);
    const r = await lz.post(`/api/console/cases/${id}/reassign`, { communityId: 'nantoucheng', internalNote: '地点在南头古城' });
    expect(r.status).toBe(200);
    const [after] = await h.db.select().from(cases).where(eq(cases.id, id));
    expect(after).toMatchObject({ communityId: 'nantoucheng', streetId: 'nantou' });
    expect(after!.dueAt?.toISOString()).toBe(before!.dueAt?.toISOString());
    expect(await h.db.select({ openid: subscriptions.openid }).from(subscriptions).where(eq(subscriptions.caseId, id))).toEqual([{ openid: 'o-re-1' }]);
    const [audit] = await h.db.select().from(auditLog).where(eq(auditLog.action, 'case.reassign'));
    expect(audit).toMatchObject({ target: `case:${id}`, before: { communityId: 'longzhu', streetId: 'taoyuan' }, after: { communityId: 'nantoucheng', streetId: 'nantou' } });
    // now 南头城's: they see it with its timeline entry; 龙珠 no longer does
    const detail = await nt.get(`/api/console/cases/${id}`);
    expect(detail.status).toBe(200);
    expect(JSON.stringify(detail.json.timeline)).toContain('已改由南头城社区办理');
    expect((await lz.get(`/api/console/cases/${id}`)).status).toBe(403);
    // moving it where it is already is refused
    expect((await nt.post(`/api/console/cases/${id}/reassign`, { communityId: 'nantoucheng' })).status).toBe(400);
  });

  it('street staff move cases within their street only', async () => {
    const id = await h.report({ communityId: 'tongle', description: '路面坑洼积水' });
    expect((await st.post(`/api/console/cases/${id}/reassign`, { communityId: 'longzhu' })).status).toBe(403);
    expect((await ty.post(`/api/console/cases/${id}/reassign`, { communityId: 'longzhu' })).status).toBe(403);
    expect((await st.post(`/api/console/cases/${id}/reassign`, { communityId: 'daxin' })).status).toBe(200);
    expect((await h.db.select().from(cases).where(eq(cases.id, id)))[0]).toMatchObject({ communityId: 'daxin', streetId: 'nantou' });
    const [row] = await h.db.select({ by: auditLog.staffId }).from(auditLog).where(eq(auditLog.target, `case:${id}`));
    expect(row?.by).toBe(stId);
  });

  it('a case left to a street (不清楚) is in that street’s queue, not another’s, and the street gives it a community', async () => {
    const { caseId } = await submitReport(
      h.db,
      { openid: 'o-re-2', sourceKey: `re-${Math.random()}`, category: 'road', description: '小区东门路面塌了一块', triageStreetId: 'nantou' },
      { now: h.clock.now() },
    );
    const ids = async (c: Client) => ((await c.get('/api/console/cases?pageSize=100')).json.items as { id: number }[]).map((x) => x.id);
    expect(await ids(st)).toContain(caseId);
    expect(await ids(ty)).not.toContain(caseId);
    expect(await ids(nt)).not.toContain(caseId);
    expect(((await st.get('/api/console/cases?streetId=nantou&pageSize=100')).json.items as { id: number }[]).map((x) => x.id)).toContain(caseId);
    expect((await st.post(`/api/console/cases/${caseId}/reassign`, { communityId: 'tiansha' })).status).toBe(200);
    expect((await h.db.select().from(cases).where(eq(cases.id, caseId)))[0]).toMatchObject({ communityId: 'tiansha', streetId: 'nantou' });
  });

  it('a case whose street no one knows (不清楚 at the street) is seen by no street office: the admins triage it', async () => {
    const { caseId } = await submitReport(
      h.db,
      { openid: 'o-re-3', sourceKey: `re-${Math.random()}`, category: 'road', description: '不知道是哪个社区，路中间有个大坑', triageStreetId: null },
      { now: h.clock.now() },
    );
    expect((await h.db.select().from(cases).where(eq(cases.id, caseId)))[0]).toMatchObject({ communityId: null, streetId: null });
    const ids = async (c: Client) => ((await c.get('/api/console/cases?pageSize=100')).json.items as { id: number }[]).map((x) => x.id);
    for (const c of [st, ty, nt, lz]) {
      expect(await ids(c)).not.toContain(caseId);
      const one = await c.get(`/api/console/cases/${caseId}`);
      expect(one.status).toBe(403);
      expect(one.text).not.toContain('大坑');
      expect((await c.post(`/api/console/cases/${caseId}/reassign`, { communityId: 'nantoucheng' })).status).toBe(403);
    }
    expect(await ids(admin)).toContain(caseId);
    expect((await admin.get(`/api/console/cases/${caseId}`)).status).toBe(200);
    // an admin gives it a community: from then on that community and its street have it
    expect((await admin.post(`/api/console/cases/${caseId}/reassign`, { communityId: 'longzhu' })).status).toBe(200);
    expect(await ids(ty)).toContain(caseId);
    expect(await ids(st)).not.toContain(caseId);
  });

  it('不清楚 at the street from a resident who lives in a community: their own street triages it, not the other', async () => {
    await h.report({ communityId: 'longzhu', description: '龙珠路灯不亮', openid: 'o-re-4' });
    const { caseId } = await submitReport(
      h.db,
      { openid: 'o-re-4', sourceKey: `re-${Math.random()}`, category: 'road', description: '路边井盖松了', triageStreetId: null },
      { now: h.clock.now() },
    );
    expect((await h.db.select().from(cases).where(eq(cases.id, caseId)))[0]).toMatchObject({ communityId: null, streetId: 'taoyuan' });
    const ids = async (c: Client) => ((await c.get('/api/console/cases?pageSize=100')).json.items as { id: number }[]).map((x) => x.id);
    expect(await ids(ty)).toContain(caseId);
    expect((await ty.get(`/api/console/cases/${caseId}`)).status).toBe(200);
    expect(await ids(st)).not.toContain(caseId);
    expect((await st.get(`/api/console/cases/${caseId}`)).status).toBe(403);
    expect((await st.post(`/api/console/cases/${caseId}/reassign`, { communityId: 'nantoucheng' })).status).toBe(403);
    // a community's own staff never see a case that has no community yet
    expect((await lz.get(`/api/console/cases/${caseId}`)).status).toBe(403);
  });
});
