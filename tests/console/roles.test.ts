import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/console/auth/password.js';
import { PERMISSIONS } from '../../src/console/contract.js';
import { auditLog, cases, staffUsers } from '../../src/db/schema.js';
import { PASSWORD, startConsole, TEST_COST, type Client, type ConsoleHarness } from './harness.js';

/**
 * Issue 13, item 2: the two roles added to the policy table, 审计员 (auditor: reads within its
 * place, changes nothing) and 承办单位 (unit: only the cases assigned to it, notes and photos), as
 * an admin creates them; and a role the table does not know gets nothing.
 */
describe.each(['postgres', 'pglite'] as const)('auditor and unit roles (%s)', (kind) => {
  let h: ConsoleHarness;
  let admin: Client;
  let mine: number; // 南头城, assigned to 城管执法队
  let elsewhere: number; // 龙珠, assigned to 城管执法队
  let notMine: number; // 南头城, assigned to 园林所

  beforeAll(async () => {
    h = await startConsole(kind);
    await h.user('root', 'admin');
    admin = await h.login('root');
    mine = await h.report({ communityId: 'nantoucheng', description: '占道经营 电话13812345678' });
    elsewhere = await h.report({ communityId: 'longzhu' });
    notMine = await h.report({ communityId: 'nantoucheng' });
    await h.db.update(cases).set({ assignee: '城管执法队' }).where(eq(cases.id, mine));
    await h.db.update(cases).set({ assignee: '城管执法队' }).where(eq(cases.id, elsewhere));
    await h.db.update(cases).set({ assignee: '园林所' }).where(eq(cases.id, notMine));
  });
  afterAll(() => h.close());

  const ids = (a: { json: { items: { id: number }[] } }) => a.json.items.map((c) => c.id).sort((x, y) => x - y);

  it('an admin creates both from the staff form: a unit needs its name, an auditor one place or none', async () => {
    const base = { displayName: '张三', password: PASSWORD };
    const noName = await admin.post('/api/console/staff', { ...base, username: 'cg0', role: 'unit' });
    expect(noName.status).toBe(400);
    expect(noName.json.error.message).toContain('单位名称');
    const unit = await admin.post('/api/console/staff', { ...base, username: 'cg1', role: 'unit', unit: '城管执法队' });
    expect(unit.status).toBe(201);
    expect(unit.json).toMatchObject({ role: 'unit', unit: '城管执法队', streetId: null, communityId: null });
    const both = await admin.post('/api/console/staff', { ...base, username: 'aud0', role: 'auditor', streetId: 'nantou', communityId: 'nantoucheng' });
    expect(both.status).toBe(400);
    expect((await admin.post('/api/console/staff', { ...base, username: 'aud1', role: 'auditor', communityId: 'nantoucheng' })).json).toMatchObject({ role: 'auditor', communityId: 'nantoucheng' });
    expect((await admin.post('/api/console/staff', { ...base, username: 'aud2', role: 'auditor' })).json).toMatchObject({ role: 'auditor', streetId: null, communityId: null });
  });

  it('/me carries every permission of the table and the scope, for the SPA to show or hide actions', async () => {
    const unit = await h.login('cg1');
    const me = (await unit.get('/api/console/me')).json.user;
    expect(Object.keys(me.can).sort()).toEqual([...PERMISSIONS].sort());
    expect(me).toMatchObject({ role: 'unit', unit: '城管执法队', scope: 'unit' });
    expect(Object.entries(me.can).filter(([, v]) => v).map(([k]) => k).sort()).toEqual(['comment', 'exportCases', 'publicNote', 'readCases', 'seeContacts', 'session', 'uploadPhotos']);
    const auditor = (await (await h.login('aud2')).get('/api/console/me')).json.user;
    expect(auditor).toMatchObject({ role: 'auditor', scope: 'all' });
    expect(Object.entries(auditor.can).filter(([, v]) => v).map(([k]) => k).sort()).toEqual(['audit', 'exportCases', 'readBudgets', 'readCases', 'readCouncil', 'reports', 'session']);
  });

  it('a unit sees only the cases assigned to it, wherever they are, and adds notes and photos to them', async () => {
    const unit = await h.login('cg1');
    expect(ids(await unit.get('/api/console/cases'))).toEqual([mine, elsewhere].sort((x, y) => x - y));
    const csv = await unit.get('/api/console/cases/export.csv');
    expect(csv.text).toContain('南头城');
    expect(csv.text).toContain('龙珠');
    expect((await unit.get(`/api/console/cases/${notMine}`)).status).toBe(403);
    const detail = await unit.get(`/api/console/cases/${mine}`);
    expect(detail.status).toBe(200);
    expect(detail.json.nextTransitions).toEqual([]);
    expect((await unit.post(`/api/console/cases/${mine}/notes`, { internalNote: '已到现场' })).status).toBe(201);
    expect((await unit.post(`/api/console/cases/${notMine}/notes`, { internalNote: '已到现场' })).status).toBe(403);
    expect((await unit.post(`/api/console/cases/${mine}/transition`, { to: 'accepted', data: { assignee: '城管执法队' } })).status).toBe(403);
    // reassigned to another department: no longer the unit's
    await h.db.update(cases).set({ assignee: '园林所' }).where(eq(cases.id, elsewhere));
    expect((await unit.get(`/api/console/cases/${elsewhere}`)).status).toBe(403);
    expect((await unit.get('/api/console/inbox')).status).toBe(403);
    expect((await unit.get('/api/console/dashboard')).status).toBe(403);
  });

  it('an auditor reads within its place, including the audit log, and changes nothing', async () => {
    await admin.post(`/api/console/cases/${elsewhere}/notes`, { internalNote: '龙珠的备注' });
    await admin.post(`/api/console/cases/${notMine}/notes`, { internalNote: '南头城的备注' });
    const placed = await h.login('aud1');
    expect(ids(await placed.get('/api/console/cases'))).toEqual([mine, notMine].sort((x, y) => x - y));
    expect((await placed.get(`/api/console/cases/${elsewhere}`)).status).toBe(403);
    const d = await placed.get(`/api/console/cases/${mine}`);
    expect(d.json.case.phone).not.toBe('13812345678');
    expect(d.json.case.description).not.toContain('13812345678');
    const log = (await placed.get('/api/console/audit')).json.items.map((r: { target: string }) => r.target);
    expect(log).toContain(`case:${notMine}`);
    expect(log).not.toContain(`case:${elsewhere}`);
    expect(log.filter((t: string) => t.startsWith('staff:'))).toEqual([]);
    const all = await h.login('aud2');
    expect((await all.get(`/api/console/cases/${elsewhere}`)).status).toBe(200);
    expect((await all.get('/api/console/audit')).json.items.map((r: { target: string }) => r.target)).toContain(`case:${elsewhere}`);
    for (const r of [
      await all.post(`/api/console/cases/${mine}/notes`, { internalNote: 'x' }),
      await all.post(`/api/console/cases/${mine}/transition`, { to: 'accepted', data: { assignee: 'x' } }),
      await all.post('/api/console/keyword-replies', { keyword: '电费', content: { text: '95598' } }),
      await all.patch('/api/console/staff/1', { displayName: 'x' }),
    ])
      expect(r.status).toBe(403);
    expect(await h.db.select().from(auditLog).where(eq(auditLog.action, 'case.note'))).toHaveLength(3);
  });

  it('a role the table does not know gets nothing, not a community scope', async () => {
    const passwordHash = await hashPassword(PASSWORD, TEST_COST);
    // a row written by something else (an older or newer program, a hand edit)
    await h.db.insert(staffUsers).values({ username: 'mayor', displayName: '?', passwordHash, role: 'mayor' as 'admin', communityId: 'nantoucheng' });
    const odd = await h.login('mayor');
    for (const p of ['/api/console/me', '/api/console/cases', `/api/console/cases/${mine}`, '/api/console/dashboard'])
      expect((await odd.get(p)).status, p).toBe(403);
  });
});
