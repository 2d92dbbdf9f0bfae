import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, caseEvents, cases } from '../../src/db/schema.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

/**
 * 新建事项 (issue 15, item 1): staff file a report, a proposal or a wish for a resident who called
 * or came to the window; the community must be theirs (checked in the civic operation), the same
 * form sent twice files once, the channel is one of config/channels.yaml, the contact stays private.
 */
describe('新建事项: staff file on a resident’s behalf', () => {
  let h: ConsoleHarness;
  let nt: Client; // community staff of 南头城 (street 南头)
  let st: Client; // street staff of 南头
  let ty: Client; // street staff of 桃源
  let dep: Client; // deputy of 南头城
  let seq = 0;
  const api = (p: string) => `/api/console${p}`;
  const report = (o: Record<string, unknown> = {}) => ({
    kind: 'report',
    formToken: `tok-${++seq}-abcdef`,
    channel: 'window',
    contactName: '李大爷',
    phone: '13600136000',
    communityId: 'nantoucheng',
    category: '道路设施',
    location: { lat: 22.54, lng: 113.92, label: '南头古城北门' },
    description: '窗口反映：北门路面塌陷',
    ...o,
  });

  beforeAll(async () => {
    h = await startConsole('postgres');
    await h.user('nt', 'community', { communityId: 'nantoucheng' });
    await h.user('st', 'street', { streetId: 'nantou' });
    await h.user('ty', 'street', { streetId: 'taoyuan' });
    await h.user('dep', 'deputy', { communityId: 'nantoucheng' });
    [nt, st, ty, dep] = (await Promise.all(['nt', 'st', 'ty', 'dep'].map((u) => h.login(u)))) as [Client, Client, Client, Client];
  });
  afterAll(() => h.close());

  it('files a report with the staff member as filer, the channel and the private contact; audited', async () => {
    const r = await nt.post(api('/cases'), report());
    expect(r.status, r.text).toBe(200);
    expect(r.json.created).toBe(true);
    const [row] = await h.db.select().from(cases).where(eq(cases.id, r.json.caseId));
    expect(row).toMatchObject({ kind: 'report', openid: null, channel: 'window', contactName: '李大爷', phone: '13600136000', communityId: 'nantoucheng', locationLabel: '南头古城北门' });
    const [created] = await h.db.select().from(caseEvents).where(eq(caseEvents.caseId, r.json.caseId));
    expect(created).toMatchObject({ type: 'created', actorType: 'staff', data: { channel: 'window' } });
    const [audit] = await h.db.select().from(auditLog).where(eq(auditLog.target, `case:${r.json.caseId}`));
    expect(audit).toMatchObject({ action: 'case.create' });
    // the audit row keeps no contact
    expect(JSON.stringify(audit)).not.toMatch(/李大爷|13600136000/);
  });

  it('the same form sent twice files once', async () => {
    const body = report({ description: '窗口反映：双击了提交' });
    const [a, b] = await Promise.all([nt.post(api('/cases'), body), nt.post(api('/cases'), body)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.json.caseId).toBe(b.json.caseId);
    expect([a.json.created, b.json.created].sort()).toEqual([false, true]);
    const again = await nt.post(api('/cases'), body);
    expect(again.json).toEqual({ caseId: a.json.caseId, created: false });
    expect(await h.db.select({ id: cases.id }).from(cases).where(eq(cases.description, '窗口反映：双击了提交'))).toHaveLength(1);
  });

  it('a street files into its own communities only: 桃源 cannot file into 南头城 (403), 南头 can into 同乐', async () => {
    const out = await ty.post(api('/cases'), report({ description: '桃源的账号替南头城登记' }));
    expect(out.status).toBe(403);
    expect(out.json.error.reason).toBe('out_of_scope');
    expect(await h.db.select({ id: cases.id }).from(cases).where(eq(cases.description, '桃源的账号替南头城登记'))).toEqual([]);
    expect((await nt.post(api('/cases'), report({ communityId: 'tongle' }))).status).toBe(403);
    expect((await st.post(api('/cases'), report({ communityId: 'tongle' }))).status).toBe(200);
    // a deputy files nothing
    expect((await dep.post(api('/cases'), report())).status).toBe(403);
  });

  it('files a proposal and a wish with their own fields; the kind says what is missing', async () => {
    const p = await nt.post(api('/cases'), {
      kind: 'proposal',
      formToken: `tok-${++seq}-prop`,
      channel: 'council',
      communityId: 'nantoucheng',
      title: '古城加装休息座椅',
      description: '议事会上居民提出：老人走累了没地方坐',
      projectType: '货物类',
      beneficiaries: '古城老人',
    });
    expect(p.status, p.text).toBe(200);
    expect((await h.db.select().from(cases).where(eq(cases.id, p.json.caseId)))[0]).toMatchObject({ kind: 'proposal', channel: 'council', title: '古城加装休息座椅' });
    const w = await nt.post(api('/cases'), { kind: 'wish', formToken: `tok-${++seq}-wish`, channel: 'patrol', communityId: 'nantoucheng', title: '一台助听器', description: '独居老人听不见', beneficiaries: '独居老人', estimatedCost: 800_00 });
    expect(w.status, w.text).toBe(200);
    const missing = await nt.post(api('/cases'), { kind: 'proposal', formToken: `tok-${++seq}-bad`, channel: 'phone', communityId: 'nantoucheng', description: '没有标题' });
    expect(missing.status).toBe(400);
  });

  it('refuses a channel staff do not file through (wechat is the bot’s, an unknown one is nobody’s)', async () => {
    for (const channel of ['wechat', 'open311', 'fax']) expect((await nt.post(api('/cases'), report({ channel }))).status).toBe(400);
    const c = await nt.get(api('/channels'));
    expect(c.json.staff.map((x: { label: string }) => x.label)).toEqual(['电话', '窗口', '网格巡查', '议事会', '12345 转办', '其他']);
    expect(c.json.all.slice(0, 2)).toEqual([{ id: 'wechat', label: '微信公众号' }, { id: 'open311', label: 'Open311 接口' }]);
  });

  it('a deputy sees the contact masked; the dashboard counts cases per channel and filters by one', async () => {
    const r = await nt.post(api('/cases'), report({ description: '给代表看的' }));
    const d = await dep.get(api(`/cases/${r.json.caseId}`));
    expect(d.status).toBe(200);
    expect(d.json.case.contactName).toBe('李*');
    expect(d.json.case.phone).not.toBe('13600136000');
    await h.report({ communityId: 'nantoucheng', description: '居民自己报的' });
    const dash = await nt.get(api('/dashboard'));
    const count = (id: string) => (dash.json.byChannel as { channel: string; count: number }[]).find((x) => x.channel === id)?.count;
    expect(count('window')).toBeGreaterThanOrEqual(3);
    expect(count('wechat')).toBeGreaterThanOrEqual(1);
    expect(count('hotline12345')).toBe(0);
    // 报表 by channel: the proposal filed at the 议事会 is the only one of that channel
    const council = await nt.get(api('/figures?channel=council'));
    expect(council.status, council.text).toBe(200);
    expect(council.json.totals.collected).toBe(1);
    expect((await nt.get(api('/figures?channel=hotline12345'))).json.totals.collected).toBe(0);
    const onlyWindow = await nt.get(api('/dashboard?channel=window'));
    expect((onlyWindow.json.byChannel as { channel: string; count: number }[]).filter((x) => x.count > 0).map((x) => x.channel)).toEqual(['window']);
  });
});
