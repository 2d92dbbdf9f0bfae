import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listClaims } from '../../src/civic/claim-offers.js';
import { addFunding } from '../../src/civic/funding.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import type { Database } from '../../src/db/client.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import { ctxAt, openSeeded, staff, wish } from '../civic/fixtures.js';
import { NOW, sectionOf, startPages, type PagesServer } from './fixtures.js';

const claimer = { claimerName: '某某电器公司', claimerType: 'company', contactName: '李经理', contactPhone: '13800000001' } as const;

/** the wish wall and its claim form: what the public sees of a wish, and how a partner claims one */
describe('the wish wall (postgres)', () => {
  let database: Database;
  let srv: PagesServer;
  const w: Record<'private' | 'open' | 'claimed' | 'done', number> = { private: 0, open: 0, claimed: 0, done: 0 };
  const post = (p: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(srv.url + p, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    }).then(async (r) => ({ status: r.status, text: await r.text(), headers: r.headers }));

  beforeAll(async () => {
    database = await openSeeded('postgres');
    const { db } = database;
    w.private = await wish(db, { title: '一辆轮椅', description: '6栋301张伯伯腿脚不便，电话13912345678' });
    w.open = await wish(db, { title: '一台助听器<script>', beneficiaries: '独居老人' });
    await transition(db, { caseId: w.open, to: 'published', actor: staff }, ctxAt());
    w.claimed = await wish(db, { title: '一套课桌', description: '孩子上小学了，家里没有写作业的桌子', beneficiaries: '上小学的孩子', communityId: 'shabaishi' });
    await transition(db, { caseId: w.claimed, to: 'published', actor: staff }, ctxAt());
    await transition(db, { caseId: w.claimed, to: 'claimed', actor: staff, data: claimer }, ctxAt());
    w.done = await wish(db, { title: '一个电饭煲', description: '家里的电饭煲坏了', estimatedCost: 300_00 });
    await transition(db, { caseId: w.done, to: 'published', actor: staff }, ctxAt());
    await transition(db, { caseId: w.done, to: 'claimed', actor: staff, data: { ...claimer, claimerName: '爱心志愿队', claimerType: 'volunteer' } }, ctxAt());
    await transition(db, { caseId: w.done, to: 'fulfilled', actor: staff, data: { actualCost: 260_00 } }, ctxAt());
    await addFunding(db, { caseId: w.done, source: 'in_kind', funder: '爱心志愿队', amount: 260_00, actor: staff }, ctxAt());
    srv = await startPages({ db, now: () => NOW, store: new MemoryStore() });
  });
  afterAll(async () => {
    await srv.close();
    await database.close();
  });

  it('lists published wishes by what they wait for, escaped, with a claim link only where one can claim; never one under review', async () => {
    const r = await srv.get('/wishes');
    expect(r.status).toBe(200);
    const open = sectionOf(r.text, '等待认领');
    expect(open).toContain('一台助听器&lt;script&gt;');
    expect(open).toContain('为独居老人');
    expect(open).toContain(`<a class="button" href="/wishes/${w.open}/claim">我来认领</a>`);
    const claimed = sectionOf(r.text, '已被认领');
    expect(claimed).toContain('一套课桌');
    expect(claimed).toContain('由某某电器公司认领');
    expect(claimed).not.toContain('/claim');
    expect(sectionOf(r.text, '已经实现')).toContain('一个电饭煲');
    expect(r.text).not.toMatch(/一辆轮椅|13912345678|李经理|13800000001/);
    // one community's wall
    const one = await srv.get('/wishes?community=shabaishi');
    expect(one.text).toContain('一套课桌');
    expect(one.text).not.toContain('一台助听器');
    expect((await srv.get('/wishes?community=nowhere')).status).toBe(404);
  });

  it('a wish under review is unknown to the public: its page and photos are 404 like a missing case', async () => {
    expect((await srv.get(`/c/${w.private}`)).status).toBe(404);
    expect((await srv.get(`/wishes/${w.private}/claim`)).status).toBe(404);
  });

  it('a fulfilled wish shows its value, its claimer and where the money came from, never the contact', async () => {
    const r = await srv.get(`/c/${w.done}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('当前状态：已实现');
    const value = sectionOf(r.text, '心愿价值');
    expect(value).toContain('<dt>估计价值</dt><dd>300元</dd>');
    expect(value).toContain('<dt>实际价值</dt><dd>260元</dd>');
    expect(value).toContain('<dt>认领方</dt><dd>爱心志愿队</dd>');
    expect(sectionOf(r.text, '资金来源')).toContain('捐赠物资（爱心志愿队）260元');
    expect(r.text).not.toMatch(/李经理|13800000001/);
  });

  it('the community page counts its wishes with their value, and where the money came from', async () => {
    const r = await srv.get('/community/nantoucheng');
    expect(r.status).toBe(200);
    const wishes = sectionOf(r.text, '2026年 微心愿');
    expect(wishes).toMatch(/已发布<\/span><strong>2 个<\/strong><em>价值 1,800元<\/em>/);
    expect(wishes).toMatch(/已认领<\/span><strong>1 个<\/strong>/);
    expect(wishes).toMatch(/已实现<\/span><strong>1 个<\/strong><em>价值 260元<\/em>/);
    expect(wishes).toContain('<a href="/wishes?community=nantoucheng">去心愿墙看看</a>');
    expect(sectionOf(r.text, '2026年 微实事项目')).toContain('资金来源：捐赠物资 260元');
  });

  it('takes a claim from its form, keeps it pending and private, and answers a wrong field in words', async () => {
    const form = await srv.get(`/wishes/${w.open}/claim`);
    expect(form.status).toBe(200);
    expect(form.headers.get('content-security-policy')).toContain("form-action 'self'");
    expect(form.text).toContain(`<form method="post" action="/wishes/${w.open}/claim"`);
    const fields = { claimerName: '好邻居超市', claimerType: 'company', contactName: '陈店长', contactPhone: '0755-12345678', note: '<b>周六送到</b>' };

    const bad = await post(`/wishes/${w.open}/claim`, { ...fields, contactPhone: '电话' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('电话号码格式不对');
    // what was typed comes back, escaped
    expect(bad.text).toContain('value="好邻居超市"');
    expect(bad.text).toContain('&lt;b&gt;周六送到&lt;/b&gt;');
    const missing = await post(`/wishes/${w.open}/claim`, { ...fields, claimerName: ' ' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('请检查：认领单位或您的称呼');

    const ok = await post(`/wishes/${w.open}/claim`, fields);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('已收到您的认领');
    expect((await listClaims(database.db, w.open)).map((c) => [c.claimerName, c.contactPhone, c.status, c.source])).toEqual([
      ['好邻居超市', '0755-12345678', 'pending', 'public'],
    ]);
    // a pending claim is not public
    expect((await srv.get('/wishes')).text).not.toContain('好邻居超市');
    // a claimed wish takes no more
    const late = await post(`/wishes/${w.claimed}/claim`, fields);
    expect(late.status).toBe(404);
    expect(late.text).toContain('这个心愿现在不能认领');
  });

  it('counts claims per address: a flood is told to wait, nothing is filed for it', async () => {
    const fields = (i: number) => ({ claimerName: `批量${i}`, claimerType: 'individual', contactName: '某人', contactPhone: `1370000${String(i).padStart(4, '0')}` });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post(`/wishes/${w.open}/claim`, fields(i))).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    const filed = (await listClaims(database.db, w.open)).filter((c) => c.claimerName.startsWith('批量'));
    expect(filed.length).toBe(statuses.filter((s) => s === 200).length);
    expect((await post(`/wishes/${w.open}/claim`, fields(99), { 'content-type': 'text/plain' })).status).toBe(400);
  });
});
