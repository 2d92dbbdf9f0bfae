import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseObjection } from '../../src/civic/index.js';
import { auditLog, outbox } from '../../src/db/schema.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * 公示异议 answered in the console case page (issue 14, item 4). The harness clock is Monday 2 March
 * 2026, 10:00 in Shenzhen; the projects were in 公示 23 February – 1 March, so only the objection
 * stands between them and 开始实施.
 */
describe.each(['postgres', 'pglite'] as const)('公示异议 in the console (%s)', (kind) => {
  let h: ConsoleHarness;
  let nt: Client;

  beforeAll(async () => {
    h = await startConsole(kind);
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    nt = await h.login('nt');
  });
  afterAll(() => h.close());

  const post = (p: string, body?: unknown) => nt.post(`/api/console${p}`, body);
  /** a project in 公示 23 February – 1 March with an objection raised on 28 February */
  const objected = async (openid: string) => {
    const p = await h.proposal({ communityId: 'nantoucheng', estimatedCost: 500_000 });
    expect((await post(`/cases/${p}/transition`, { to: 'reviewing' })).status).toBe(200);
    expect((await post(`/cases/${p}/transition`, { to: 'approved', data: { approvedCost: 450_000, batch: '2026年第一批' } })).status).toBe(200);
    const range = { publicityStart: '2026-02-23T00:00:00+08:00', publicityEnd: '2026-03-01T23:59:59.999+08:00' };
    expect((await post(`/cases/${p}/transition`, { to: 'publicised', data: range })).status).toBe(200);
    const { objectionId } = await raiseObjection(h.db, { caseId: p, openid, reason: '这个位置会挡住消防通道' }, { now: new Date('2026-02-28T02:00:00Z') });
    return { p, objectionId };
  };

  it('refuses 开始实施 while an objection is open, in words; 不采纳 with a reason lets it through', async () => {
    const { p, objectionId } = await objected('o-objector-1');
    const early = await post(`/cases/${p}/transition`, { to: 'implementing' });
    expect(early.status).toBe(400);
    expect(early.json.error.message).toBe('还有 1 条异议没有答复，答复后才能开始实施');
    const list = await nt.get(`/api/console/cases/${p}/objections`);
    expect(list.json).toMatchObject({ open: 1, objections: [{ id: objectionId, reason: '这个位置会挡住消防通道', status: 'open', answer: null }] });
    expect(JSON.stringify(list.json)).not.toContain('o-objector-1');
    const bare = await post(`/cases/${p}/objections/${objectionId}/answer`, { accepted: false });
    expect(bare.status).toBe(400);
    expect(bare.json.error.message).toBe('不采纳异议需要写明理由（理由会公开）');
    const no = await post(`/cases/${p}/objections/${objectionId}/answer`, { accepted: false, answer: '消防部门确认通道宽度足够' });
    expect(no.json).toEqual({ caseId: p, objectionId, status: 'rejected', moved: false });
    expect((await h.db.select().from(outbox).where(eq(outbox.openid, 'o-objector-1'))).length).toBe(1);
    expect((await h.db.select().from(auditLog).where(eq(auditLog.target, `case:${p}`))).map((a) => a.action)).toContain('case.objection');
    expect((await post(`/cases/${p}/objections/${objectionId}/answer`, { accepted: true })).status).toBe(409);
    expect((await post(`/cases/${p}/transition`, { to: 'implementing' })).status).toBe(200);
  });

  it('采纳 sends the project back to review and pushes the objector', async () => {
    const { p, objectionId } = await objected('o-objector-2');
    const yes = await post(`/cases/${p}/objections/${objectionId}/answer`, { accepted: true, answer: '调整选址后重新审核' });
    expect(yes.json).toEqual({ caseId: p, objectionId, status: 'accepted', moved: true });
    expect((await nt.get(`/api/console/cases/${p}`)).json.case.status).toBe('reviewing');
    const [push] = await h.db.select().from(outbox).where(eq(outbox.openid, 'o-objector-2'));
    expect(push!.payload).toMatchObject({ publicNote: '您提出的异议已被采纳：调整选址后重新审核' });
  });

  it('another community’s objection is out of scope', async () => {
    const other = await h.proposal({ communityId: 'longzhu', estimatedCost: 500_000 });
    expect((await nt.get(`/api/console/cases/${other}/objections`)).status).toBe(403);
  });
});
