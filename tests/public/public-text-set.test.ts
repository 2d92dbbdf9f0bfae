import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { categoriesOf } from '../../src/civic/index.js';
import { auditLog, cases } from '../../src/db/schema.js';
import { proposal, report } from '../civic/fixtures.js';
import { startConsole, type Client, type ConsoleHarness } from '../console/harness.js';
import { startPages, type PagesServer } from './fixtures.js';

/**
 * 公开文字 (issue 12, item 3): a report's words reach its public page only as staff approved them.
 * Each description of tests/public/public-text-set.yaml is filed as a report; its page is read
 * before approval (category, community, status, none of the resident's words) and after a staff
 * member approved the proposed text through the console (exactly `after`, none of `private`).
 */
const setSchema = z.object({
  cases: z
    .array(z.object({ category: z.string(), description: z.string().min(1), after: z.string().min(1), private: z.array(z.string().min(1)) }))
    .min(50),
});
const set = setSchema.parse(parse(readFileSync(new URL('./public-text-set.yaml', import.meta.url), 'utf8'))).cases;

/** the text of a page's elements, markup removed and entities read (what a visitor reads) */
const visible = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('public text: nothing a resident typed is public before a staff member approved it', () => {
  let h: ConsoleHarness;
  let pages: PagesServer;
  let staff: Client;
  let other: Client;
  let staffId: number;
  const ids: number[] = [];

  beforeAll(async () => {
    h = await startConsole();
    staffId = await h.user('a', 'community', { communityId: 'nantoucheng' });
    await h.user('b', 'community', { communityId: 'longzhu' });
    [staff, other] = (await Promise.all(['a', 'b'].map((u) => h.login(u)))) as [Client, Client];
    pages = await startPages({ db: h.db, now: h.clock.now });
    for (const [i, c] of set.entries())
      ids.push(await report(h.db, { openid: `o-pt-${i}`, communityId: 'nantoucheng', category: c.category, description: c.description, location: { label: `南头古城${i + 1}号门口` } }));
  });
  afterAll(async () => {
    await pages.close();
    await h.close();
  });

  it(`has at least 50 realistic descriptions (${set.length}), most with something to hide`, () => {
    expect(set.length).toBeGreaterThanOrEqual(50);
    expect(set.filter((c) => c.private.length).length).toBeGreaterThanOrEqual(35);
  });

  it('before approval: the category, the community and street, the status, and not one word of the description or the typed place', async () => {
    for (const [i, c] of set.entries()) {
      const page = await pages.get(`/c/${ids[i]}`);
      expect(page.status).toBe(200);
      const text = visible(page.text);
      expect(text, c.description).toContain(categoriesOf({}).nameOf(c.category));
      expect(text).toContain('南头城社区');
      expect(text).toContain('南头街道');
      expect(text).toContain('已提交');
      expect(text).toContain('居民的描述由工作人员审核、隐去姓名门牌和电话后在此公开。');
      expect(text, c.description).not.toContain(c.description.slice(0, 6));
      expect(text).not.toContain('南头古城');
      for (const p of c.private) expect(text, `${c.description} → ${p}`).not.toContain(p);
    }
  });

  it('the console proposes the masked text, and lists the reports waiting for approval', async () => {
    const detail = await staff.get(`/api/console/cases/${ids[0]}`);
    expect(detail.json.publicText).toEqual({ text: null, proposal: set[0]!.after, approvedAt: null, approvedBy: null });
    expect(detail.json.case.textPending).toBe(true);
    const waiting = await staff.get('/api/console/cases?textPending=true&pageSize=100');
    expect((waiting.json.items as { id: number }[]).map((r) => r.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  });

  it('after approval of the proposed text: exactly that text, none of what identifies a person', async () => {
    for (const [i, c] of set.entries()) {
      const proposal = (await staff.get(`/api/console/cases/${ids[i]}`)).json.publicText.proposal as string;
      expect(proposal, c.description).toBe(c.after);
      const approved = await staff.post(`/api/console/cases/${ids[i]}/public-text`, { text: proposal });
      expect(approved.status).toBe(200);
      expect(approved.json).toMatchObject({ text: c.after, approvedBy: { id: staffId } });
      const text = visible((await pages.get(`/c/${ids[i]}`)).text);
      expect(text).toContain(c.after);
      expect(text).toContain(`南头古城${i + 1}号门口`);
      expect(text).not.toContain('居民的描述由工作人员审核');
      for (const p of c.private) expect(text, `${c.description} → ${p}`).not.toContain(p);
    }
    expect((await staff.get('/api/console/cases?textPending=true')).json.total).toBe(0);
  });

  it('staff may edit it; each change is audited, the same text again is not; other communities and other kinds are refused', async () => {
    const id = await report(h.db, { openid: 'o-pt-edit', communityId: 'nantoucheng', description: '我是3栋502的张桂兰，楼下路灯不亮好几天了' });
    expect((await other.post(`/api/console/cases/${id}/public-text`, { text: '路灯不亮' })).status).toBe(403);
    expect((await staff.post(`/api/console/cases/${id}/public-text`, { text: '   ' })).status).toBe(400);
    expect((await staff.post(`/api/console/cases/${id}/public-text`, { text: '3栋楼下路灯不亮好几天了' })).status).toBe(200);
    expect((await staff.post(`/api/console/cases/${id}/public-text`, { text: '3栋楼下路灯不亮好几天了' })).status).toBe(200);
    const rows = await h.db.select().from(auditLog).where(and(eq(auditLog.action, 'case.public_text'), eq(auditLog.target, `case:${id}`)));
    expect(rows.map((r) => [r.staffId, r.before, r.after])).toEqual([[staffId, { publicText: null }, { publicText: '3栋楼下路灯不亮好几天了' }]]);
    const [row] = await h.db.select().from(cases).where(eq(cases.id, id));
    expect(row!.publicText).toBe('3栋楼下路灯不亮好几天了');
    expect(visible((await pages.get(`/c/${id}`)).text)).toContain('3栋楼下路灯不亮好几天了');
    // a kind whose words are public as typed (a proposal) has no public text to approve
    const [p] = await h.db.insert(cases).values({ kind: 'proposal', status: 'collected', communityId: 'nantoucheng', title: '巷道加装路灯', description: '5巷晚上没有灯' }).returning({ id: cases.id });
    expect((await staff.post(`/api/console/cases/${p!.id}/public-text`, { text: '巷道加装路灯' })).status).toBe(400);
    expect((await staff.get(`/api/console/cases/${p!.id}`)).json.publicText).toBeNull();
  });

  it('a proposal, public from the moment it is filed: its title, description, beneficiaries and place masked by rule on every public page', async () => {
    const n = 12;
    const filed: number[] = [];
    for (const [i, c] of set.slice(0, n).entries())
      filed.push(
        await proposal(
          h.db,
          {
            openid: `o-pp-${i}`,
            communityId: 'nantoucheng',
            title: `${i + 1}号提议：我是3栋502的张桂兰，电话13912345678`,
            description: c.description,
            beneficiaries: '3栋502的张桂兰一家和左右邻居',
            location: { label: '中山南街12号502张宅' },
          },
          h.clock.now(),
        ),
      );
    for (const [i, c] of set.slice(0, n).entries()) {
      const text = visible((await pages.get(`/c/${filed[i]}`)).text);
      expect(text, c.description).toContain(c.after);
      for (const p of [...c.private, '张桂兰', '3栋502', '13912345678', '12号502', '张宅']) expect(text, `${c.description} → ${p}`).not.toContain(p);
    }
    const community = visible((await pages.get('/community/nantoucheng')).text);
    expect(community).toContain('号提议');
    for (const p of ['张桂兰', '3栋502', '13912345678']) expect(community).not.toContain(p);
  });
});
