import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, caseEvents } from '../../src/db/schema.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * 预算与批次 in the console (issue 14, item 3). The harness clock is 2 March 2026: a 南头 street
 * manager sets 南头城's 2026 envelope; a 南头城 community account approves within it, is refused
 * beyond it (and cannot override); the manager overrides with a reason; batches are filled and published.
 */
describe('预算与批次 in the console', () => {
  let h: ConsoleHarness;
  let street: Client;
  let community: Client;
  let other: Client;
  const api = (p: string) => `/api/console${p}`;

  beforeAll(async () => {
    h = await startConsole('postgres');
    await h.user('nt-street', 'street', { streetId: 'nantou' });
    await h.user('nt-community', 'community', { communityId: 'nantoucheng' });
    await h.user('ty-street', 'street', { streetId: 'taoyuan' });
    street = await h.login('nt-street');
    community = await h.login('nt-community');
    other = await h.login('ty-street');
  });
  afterAll(() => h.close());

  const reviewing = async () => {
    const id = await h.proposal({ communityId: 'nantoucheng', estimatedCost: 50_000_00 });
    expect((await community.post(api(`/cases/${id}/transition`), { to: 'reviewing' })).status).toBe(200);
    return id;
  };
  const approve = (c: Client, id: number, data: Record<string, unknown>) => c.post(api(`/cases/${id}/transition`), { to: 'approved', data });

  it('the manager sets the envelope; approving spends it, beyond it is refused in words, and only the manager overrides with a reason (audited)', async () => {
    const none = await community.get(api('/budgets/envelopes?year=2026'));
    expect((await community.get(api(`/cases/${await h.proposal({ communityId: 'nantoucheng' })}`))).json.envelope).toBeNull();
    expect(none.json.streets).toEqual([
      { streetId: 'nantou', streetName: '南头街道', own: null, communities: [{ communityId: 'nantoucheng', communityName: '南头城社区', envelope: null }] },
    ]);
    // a community account cannot set it; another street's manager cannot set this street's
    expect((await community.post(api('/budgets/envelopes'), { streetId: 'nantou', communityId: 'nantoucheng', year: 2026, amount: 1 })).status).toBe(403);
    expect((await other.post(api('/budgets/envelopes'), { streetId: 'nantou', communityId: 'nantoucheng', year: 2026, amount: 1 })).status).toBe(403);
    const set = await street.post(api('/budgets/envelopes'), { streetId: 'nantou', communityId: 'nantoucheng', year: 2026, amount: 100_000_00 });
    expect(set.status).toBe(200);
    expect(set.json).toMatchObject({ communityName: '南头城社区', amount: 100_000_00, spent: 0, remaining: 100_000_00 });

    const a = await reviewing();
    expect((await approve(community, a, { approvedCost: 70_000_00 })).status).toBe(200);
    const b = await reviewing();
    // approving shows what the envelope has left (the case itself not counted)
    expect((await community.get(api(`/cases/${b}`))).json.envelope).toEqual({ year: 2026, amount: 100_000_00, spent: 70_000_00, remaining: 30_000_00 });
    const refused = await approve(community, b, { approvedCost: 40_000_00 });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toBe('经费4万元超出2026年度预算余额3万元（年度预算10万元）。请调整经费，或由主管填写超出预算的理由后确定');
    const notManager = await approve(community, b, { approvedCost: 40_000_00, overrideReason: '汛期前必须完工' });
    expect(notManager.status).toBe(403);
    expect(notManager.json.error.message).toBe('超出年度预算需要街道主管确认，您的账号不能确认');
    const managed = await approve(street, b, { approvedCost: 40_000_00, overrideReason: '汛期前必须完工' });
    expect(managed.status).toBe(200);
    const [event] = await h.db.select().from(caseEvents).where(and(eq(caseEvents.caseId, b), eq(caseEvents.toStatus, 'approved')));
    expect(event!.data).toMatchObject({ overrideReason: '汛期前必须完工', approvedCost: 40_000_00 });
    const audit = await h.db.select().from(auditLog).where(eq(auditLog.target, `case:${b}`));
    expect(audit.find((r) => r.action === 'case.transition' && (r.after as { status: string }).status === 'approved')?.after).toMatchObject({ data: { overrideReason: '汛期前必须完工' } });

    const now = await street.get(api('/budgets/envelopes?year=2026'));
    const nantoucheng = now.json.streets[0].communities.find((c: { communityId: string }) => c.communityId === 'nantoucheng');
    expect(nantoucheng.envelope).toMatchObject({ amount: 100_000_00, spent: 110_000_00, remaining: -10_000_00 });
    expect((await h.db.select().from(auditLog).where(eq(auditLog.action, 'budget.envelope'))).map((r) => [r.target, r.before, r.after])).toEqual([
      ['budget_envelope:nantou/nantoucheng/2026', { amount: null }, { amount: 100_000_00 }],
    ]);
  });

  it('a batch: created numbered, filled with the street\'s approved proposals, published once; another street sees none of it', async () => {
    const created = await street.post(api('/budgets/batches'), { streetId: 'nantou', year: 2026, title: '2026年第一批' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ number: 1, title: '2026年第一批', streetName: '南头街道', publishedAt: null, count: 0 });
    const id = created.json.id as number;
    const detail = await street.get(api(`/budgets/batches/${id}`));
    const candidates = detail.json.candidates.map((c: { id: number }) => c.id);
    expect(candidates.length).toBeGreaterThanOrEqual(2);
    expect((await other.get(api(`/budgets/batches/${id}`))).status).toBe(403);
    expect((await other.post(api(`/budgets/batches/${id}/publish`))).status).toBe(403);
    expect((await community.post(api(`/budgets/batches/${id}/cases`), { caseIds: candidates })).status).toBe(403);
    expect((await street.post(api(`/budgets/batches/${id}/cases`), { caseIds: candidates })).json).toEqual({ added: candidates });
    // one out and in again: both on its timeline, audited
    expect((await street.del(api(`/budgets/batches/${id}/cases/${candidates[0]}`))).json).toEqual({ ok: true });
    expect((await street.get(api(`/budgets/batches/${id}`))).json.cases.map((c: { id: number }) => c.id)).toEqual(candidates.slice(1));
    expect((await street.get(api(`/cases/${candidates[0]}`))).json.case.batch).toBeNull();
    await street.post(api(`/budgets/batches/${id}/cases`), { caseIds: [candidates[0]] });
    const published = await street.post(api(`/budgets/batches/${id}/publish`));
    expect(published.status).toBe(200);
    expect(published.json).toMatchObject({ cases: candidates.length, batch: { count: candidates.length, approvedCost: 110_000_00 } });
    expect(published.json.batch.publishedAt).toBe(h.clock.now().toISOString());
    const again = await street.post(api(`/budgets/batches/${id}/publish`));
    expect(again.status).toBe(409);
    // the community account reads its street's batches; the other street's manager sees none
    expect((await community.get(api('/budgets/batches'))).json.batches.map((b: { id: number }) => b.id)).toEqual([id]);
    expect((await other.get(api('/budgets/batches'))).json.batches).toEqual([]);
    expect((await h.db.select().from(auditLog).where(eq(auditLog.target, `batch:${id}`)).orderBy(auditLog.id)).map((r) => r.action)).toEqual(['batch.create', 'batch.add', 'batch.remove', 'batch.add', 'batch.publish']);
    // published: nothing comes out any more
    expect((await street.del(api(`/budgets/batches/${id}/cases/${candidates[0]}`))).status).toBe(409);
    // the case shows its batch
    expect((await street.get(api(`/cases/${candidates[0]}`))).json.case.batch).toBe('2026年第一批');
  });
});
