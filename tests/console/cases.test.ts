import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, caseEvents, cases, outbox } from '../../src/db/schema.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

describe('console cases', () => {
  let h: ConsoleHarness;
  let nt: Client;
  let street: Client;
  let ntId: number;

  beforeAll(async () => {
    h = await startConsole();
    ntId = await h.user('nt', 'community', { communityId: 'nantoucheng' });
    await h.user('st', 'street', { streetId: 'nantou' });
    nt = await h.login('nt');
    street = await h.login('st');
  });
  afterAll(() => h.close());

  it('shows a report with its moves and the fields each needs, then moves it along its lifecycle', async () => {
    const id = await h.report({ communityId: 'nantoucheng', category: 'streetlight' });
    const d = await nt.get(`/api/console/cases/${id}`);
    expect(d.json.case).toMatchObject({ id, kind: 'report', status: 'submitted', statusLabel: '已提交', categoryName: '路灯照明', communityName: '南头城社区', streetName: '南头街道' });
    expect(d.json.subscribers).toMatchObject({ authors: 1, total: 1 });
    const accept = d.json.nextTransitions.find((t: { to: string }) => t.to === 'accepted');
    expect(accept.fields).toEqual([
      { name: 'assignee', type: 'text', label: '承办人', required: true },
      { name: 'dueAt', type: 'date', label: '办理时限', required: false },
    ]);
    expect(accept.defaults.dueAt).toBe(d.json.case.dueAt);
    expect(d.json.nextTransitions.map((t: { to: string }) => t.to).sort()).toEqual(['accepted', 'duplicate', 'rejected']);

    expect((await nt.post(`/api/console/cases/${id}/transition`, { to: 'accepted', data: {} })).status).toBe(400);
    expect((await nt.post(`/api/console/cases/${id}/transition`, { to: 'resolved' })).status).toBe(400);
    const ok = await nt.post(`/api/console/cases/${id}/transition`, { to: 'accepted', from: 'submitted', publicNote: '已安排电工', internalNote: '老问题', data: { assignee: '南头城电工班' } });
    expect(ok.json).toMatchObject({ caseId: id, from: 'submitted', to: 'accepted', statusLabel: '已受理' });
    expect(ok.json.queued).toBe(1);
    expect((await nt.post(`/api/console/cases/${id}/transition`, { to: 'in_progress', from: 'submitted' })).status).toBe(409);
    const [audit] = await h.db.select().from(auditLog).where(eq(auditLog.target, `case:${id}`));
    expect(audit).toMatchObject({ staffId: ntId, action: 'case.transition', before: { status: 'submitted' }, after: { status: 'accepted', publicNote: '已安排电工', internalNote: '老问题', data: { assignee: '南头城电工班' } } });

    const t = await nt.post(`/api/console/cases/${id}/transfer`, { department: '区城管局', internalNote: '属于市政' });
    expect(t.status).toBe(200);
    expect((await h.db.select().from(cases).where(eq(cases.id, id)))[0]!.assignee).toBe('区城管局');
    await nt.post(`/api/console/cases/${id}/transition`, { to: 'in_progress' });
    await nt.post(`/api/console/cases/${id}/transition`, { to: 'resolved', publicNote: '已修好' });
    const after = await nt.get(`/api/console/cases/${id}`);
    expect(after.json.case.status).toBe('resolved');
    const types = after.json.timeline.map((e: { type: string; toStatus: string | null }) => `${e.type}:${e.toStatus ?? ''}`);
    expect(types).toEqual(['created:submitted', 'status_changed:accepted', 'transferred:', 'status_changed:in_progress', 'status_changed:resolved']);
    const accepted = after.json.timeline[1];
    expect(accepted).toMatchObject({ actorType: 'staff', actorName: 'nt名', internalNote: '老问题', public: true });
  });

  it('assigns, notes, merges duplicates (only into a case in scope) and records each in the audit log', async () => {
    const a = await h.report({ communityId: 'nantoucheng', description: '南头城中山南街路灯不亮' });
    const dup = await h.report({ communityId: 'nantoucheng', description: '中山南街路灯坏了' });
    const elsewhere = await h.report({ communityId: 'longzhu', description: '龙珠路灯' });
    const as = await nt.post(`/api/console/cases/${a}/assign`, { assignee: '网格员小王' });
    expect(as.status).toBe(200);
    expect((await h.db.select().from(cases).where(eq(cases.id, a)))[0]!.assignee).toBe('网格员小王');
    const note = await nt.post(`/api/console/cases/${a}/notes`, { internalNote: '已电话联系居民' });
    expect(note.status).toBe(201);
    expect(note.json.queued).toBe(0);
    expect((await nt.post(`/api/console/cases/${a}/notes`, {})).status).toBe(400);
    expect((await nt.post(`/api/console/cases/${dup}/merge`, { duplicateOf: elsewhere })).status).toBe(403);
    const m = await nt.post(`/api/console/cases/${dup}/merge`, { duplicateOf: a });
    expect(m.json).toMatchObject({ to: 'duplicate' });
    const target = await nt.get(`/api/console/cases/${a}`);
    expect(target.json.subscribers.total).toBe(2);
    expect(target.json.timeline.some((e: { internalNote: string | null }) => e.internalNote === `#${dup} 已合并到本事项`)).toBe(true);
    // staff wrote no public note: residents read flows/console.zh-CN.yaml's residents.merged
    const merged = await nt.get(`/api/console/cases/${dup}`);
    expect(merged.json.timeline.some((e: { publicNote: string | null }) => e.publicNote === `与 #${a} 是同一问题，已合并办理`)).toBe(true);
    const actions = (await h.db.select().from(auditLog).where(eq(auditLog.staffId, ntId))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['case.assign', 'case.note', 'case.transition']));
  });

  it('moves a project to implementation and records milestones', async () => {
    const p = await h.proposal({ communityId: 'nantoucheng', estimatedCost: 500_000 });
    const step = (to: string, data: Record<string, unknown> = {}, publicNote?: string) =>
      nt.post(`/api/console/cases/${p}/transition`, { to, data, ...(publicNote ? { publicNote } : {}) });
    expect((await step('reviewing')).status).toBe(200);
    expect((await step('approved', { batch: '2026年第一批' })).status).toBe(400);
    expect((await step('approved', { approvedCost: 450_000, batch: '2026年第一批' })).status).toBe(200);
    const d = await nt.get(`/api/console/cases/${p}`);
    expect(d.json.nextTransitions.find((t: { to: string }) => t.to === 'publicised').fields.map((f: { name: string; type: string }) => `${f.name}:${f.type}`)).toEqual([
      'publicityStart:date',
      'publicityEnd:date',
    ]);
    // a 公示 that has already run its 7 days by the harness clock (2 March); the refusals before its end: publicity.test.ts
    expect((await step('publicised', { publicityStart: '2026-02-23T00:00:00+08:00', publicityEnd: '2026-03-01T23:59:59.999+08:00' })).status).toBe(200);
    expect((await nt.post(`/api/console/cases/${p}/milestones`, { date: '2026-03-10', note: '开工', percent: 10 })).status).toBe(400);
    expect((await step('implementing')).status).toBe(200);
    const ms = await nt.post(`/api/console/cases/${p}/milestones`, { date: '2026-03-10', note: '已开工，完成路灯基座', percent: 30 });
    expect(ms.status).toBe(201);
    const after = await nt.get(`/api/console/cases/${p}`);
    expect(after.json.milestones).toEqual([{ id: expect.any(Number), date: '2026-03-09T16:00:00.000Z', note: '已开工，完成路灯基座', percent: 30 }]);
    expect(after.json.case.approvedCost).toBe(450_000);
  });

  it('bulk transitions check and report each case on its own', async () => {
    const x = await h.report({ communityId: 'nantoucheng' });
    const y = await h.report({ communityId: 'tongle' });
    const z = await h.report({ communityId: 'longzhu' });
    const r = await nt.post('/api/console/cases/bulk-transition', { ids: [x, y, z, 999_999], to: 'accepted', data: { assignee: '电工班' } });
    expect(r.json.results).toEqual([
      { id: x, ok: true, status: 'accepted' },
      { id: y, ok: false, error: { status: 403, reason: expect.any(String), message: expect.any(String) } },
      { id: z, ok: false, error: { status: 403, reason: expect.any(String), message: expect.any(String) } },
      { id: 999_999, ok: false, error: { status: 404, reason: expect.any(String), message: expect.any(String) } },
    ]);
    expect(r.json).toMatchObject({ succeeded: 1, failed: 3 });
    const s = await street.post('/api/console/cases/bulk-transition', { ids: [x, y, z], to: 'accepted', data: { assignee: '街道' } });
    expect(s.json.results.map((q: { ok: boolean; error?: { status: number } }) => (q.ok ? 'ok' : q.error!.status))).toEqual([400, 'ok', 403]);
    expect((await h.db.select().from(cases).where(eq(cases.id, z)))[0]!.status).toBe('submitted');
  });

  it('lists with filters, text search, paging and sort; all scoped', async () => {
    const id = await h.report({ communityId: 'tongle', category: 'drainage', description: '同乐村井盖_缺失 100% 危险' });
    const found = await street.get(`/api/console/cases?q=${encodeURIComponent('盖_缺失 100%')}&kind=report&category=drainage`);
    expect(found.json.items.map((c: { id: number }) => c.id)).toEqual([id]);
    expect((await street.get(`/api/console/cases?q=${encodeURIComponent('盖x缺失')}`)).json.total).toBe(0);
    const page = await street.get('/api/console/cases?pageSize=2&page=1&sort=id&order=asc');
    expect(page.json.items).toHaveLength(2);
    expect(page.json.items[0].id).toBeLessThan(page.json.items[1].id);
    const statuses = await street.get('/api/console/cases?status=accepted,resolved');
    expect(new Set(statuses.json.items.map((c: { status: string }) => c.status))).toEqual(new Set(['accepted', 'resolved']));
    expect((await street.get('/api/console/cases?status=<script>')).status).toBe(400);
    expect((await street.get('/api/console/cases?from=yesterday')).status).toBe(400);
    expect((await street.get('/api/console/cases?from=2026-03-02&to=2026-03-03')).json.total).toBeGreaterThan(0);
    expect((await street.get('/api/console/cases?from=2026-03-03')).json.total).toBe(0);
  });

  it('pushes nothing for an internal note and queues a push for a public one', async () => {
    const id = await h.report({ communityId: 'nantoucheng' });
    const before = (await h.db.select().from(outbox).where(eq(outbox.caseId, id))).length;
    await nt.post(`/api/console/cases/${id}/notes`, { internalNote: '内部' });
    expect((await h.db.select().from(outbox).where(eq(outbox.caseId, id))).length).toBe(before);
    await nt.post(`/api/console/cases/${id}/notes`, { publicNote: '明天上门查看' });
    expect((await h.db.select().from(outbox).where(eq(outbox.caseId, id))).length).toBe(before + 1);
    const events = await h.db.select().from(caseEvents).where(eq(caseEvents.caseId, id));
    expect(events.filter((e) => e.actorId === String(ntId))).toHaveLength(2);
  });
});
