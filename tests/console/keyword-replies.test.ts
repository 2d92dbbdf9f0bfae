import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, keywordReplies } from '../../src/db/schema.js';
import { KEYWORD_REPLIES_CHANGED } from '../../src/vocabulary/keyword-replies-changed.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

describe('console keyword replies and audit', () => {
  let h: ConsoleHarness;
  let admin: Client;
  let street: Client;
  let community: Client;

  beforeAll(async () => {
    h = await startConsole();
    await h.user('root', 'admin');
    await h.user('st', 'street', { streetId: 'nantou' });
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    [admin, street, community] = await Promise.all([h.login('root'), h.login('st'), h.login('nt')]);
  });
  afterAll(() => h.close());

  it('admins manage global replies; street staff manage their communities’ and read the global ones', async () => {
    const g = await admin.post('/api/console/keyword-replies', { keyword: '电费', content: { text: '电费请拨打 95598 查询' } });
    expect(g.status).toBe(201);
    expect(g.json).toMatchObject({ keyword: '电费', match: 'exact', replyType: 'text', communityId: null, enabled: true });
    expect((await street.post('/api/console/keyword-replies', { keyword: '摇号', content: { text: 'x' } })).status).toBe(403);
    expect((await street.post('/api/console/keyword-replies', { keyword: '摇号', content: { text: 'x' }, communityId: 'longzhu' })).status).toBe(403);
    const mine = await street.post('/api/console/keyword-replies', { keyword: '议事会', match: 'prefix', content: { text: '每月第一个周六' }, communityId: 'tongle' });
    expect(mine.status).toBe(201);
    const other = await admin.post('/api/console/keyword-replies', { keyword: '龙珠', content: { text: '龙珠社区' }, communityId: 'longzhu' });
    const list = await street.get('/api/console/keyword-replies');
    expect(list.json.items.map((r: { keyword: string }) => r.keyword).sort()).toEqual(['电费', '议事会']);
    expect((await street.patch(`/api/console/keyword-replies/${g.json.id}`, { enabled: false })).status).toBe(403);
    expect((await street.patch(`/api/console/keyword-replies/${other.json.id}`, { enabled: false })).status).toBe(403);
    expect((await street.patch(`/api/console/keyword-replies/${mine.json.id}`, { communityId: 'longzhu' })).status).toBe(403);
    const upd = await street.patch(`/api/console/keyword-replies/${mine.json.id}`, { enabled: false, content: { text: '每月第一个周六上午' } });
    expect(upd.json).toMatchObject({ enabled: false, content: { text: '每月第一个周六上午' } });
    expect((await street.patch(`/api/console/keyword-replies/${mine.json.id}`, { replyType: 'news' })).status).toBe(400);
    expect((await street.del(`/api/console/keyword-replies/${mine.json.id}`)).json).toEqual({ ok: true });
    expect((await h.db.select().from(keywordReplies).where(eq(keywordReplies.id, mine.json.id)))).toEqual([]);
    expect((await community.get('/api/console/keyword-replies')).status).toBe(403);
    expect((await admin.post('/api/console/keyword-replies', { keyword: '', content: { text: 'x' } })).status).toBe(400);
    expect((await admin.del('/api/console/keyword-replies/99999')).status).toBe(404);
  });

  it('writes who, what, before and after to the audit log, which only admins read', async () => {
    const rows = await h.db.select().from(auditLog).where(eq(auditLog.action, 'keyword_reply.update'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.before).toMatchObject({ enabled: true, content: { text: '每月第一个周六' } });
    expect(rows[0]!.after).toMatchObject({ enabled: false, content: { text: '每月第一个周六上午' } });
    const page = await admin.get('/api/console/audit?pageSize=2');
    expect(page.json.items).toHaveLength(2);
    expect(page.json.total).toBeGreaterThan(5);
    const del = await admin.get('/api/console/audit?action=keyword_reply.delete');
    expect(del.json.items[0]).toMatchObject({ staffName: 'st名', target: expect.stringMatching(/^keyword_reply:\d+$/), after: null });
    expect((await street.get('/api/console/audit')).status).toBe(403);
    const scope = await street.get('/api/console/scope');
    expect(scope.json.streets.map((s: { id: string }) => s.id)).toEqual(['nantou']);
    expect(scope.json.categories.length).toBeGreaterThan(5);
    expect((await community.get('/api/console/scope')).json.streets[0].communities).toEqual([{ id: 'nantoucheng', name: '南头城社区' }]);
  });

  it('tells every instance to drop its keyword cache after each change', async () => {
    const heard: string[] = [];
    const off = await h.store.subscribe(KEYWORD_REPLIES_CHANGED, (m) => heard.push(m));
    const r = await admin.post('/api/console/keyword-replies', { keyword: '停水', content: { text: '停水通知请看小区公告栏' } });
    await admin.patch(`/api/console/keyword-replies/${r.json.id}`, { enabled: false });
    await admin.del(`/api/console/keyword-replies/${r.json.id}`);
    for (let i = 0; i < 50 && heard.length < 3; i++) await new Promise((res) => setTimeout(res, 10));
    await off();
    expect(heard).toHaveLength(3);
  });
});
