import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHandoff } from '../../src/runtime/handoff.js';
import { caseMedia, cases, messages } from '../../src/db/schema.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

const XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">';

describe('console scope', () => {
  let h: ConsoleHarness;
  let a: Client; // community staff of 南头城 (street nantou)
  let b: Client; // community staff of 龙珠 (street taoyuan)
  let street: Client; // street staff of 南头
  let deputy: Client; // deputy of 南头城
  let admin: Client;
  let caseA: number;
  let caseB: number;
  let photoB: number;
  let ticketB: number;

  beforeAll(async () => {
    h = await startConsole();
    await h.user('a', 'community', { communityId: 'nantoucheng' });
    await h.user('b', 'community', { communityId: 'longzhu' });
    await h.user('st', 'street', { streetId: 'nantou' });
    await h.user('dep', 'deputy', { communityId: 'nantoucheng' });
    await h.user('root', 'admin');
    [a, b, street, deputy, admin] = (await Promise.all(['a', 'b', 'st', 'dep', 'root'].map((u) => h.login(u)))) as [Client, Client, Client, Client, Client];
    caseA = await h.report({ communityId: 'nantoucheng', description: `南头城路灯 ${XSS} 电话13812345678` });
    caseB = await h.report({ communityId: 'longzhu', description: '龙珠路面坑洼', openid: 'o-longzhu-1' });
    writeFileSync(path.join(h.mediaDir, 'b.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xd9]));
    const [m] = await h.db
      .insert(caseMedia)
      .values({ caseId: caseB, path: 'b.jpg', contentType: 'image/jpeg', sha256: createHash('sha256').update('b').digest('hex'), bytes: 4, source: 'resident' })
      .returning();
    photoB = m!.id;
    ticketB = (await requestHandoff(h.db, { openid: 'o-longzhu-1', reason: 'resident', context: {}, now: h.clock.now() })).ticketId;
    await h.db.update(cases).set({ communityId: 'longzhu' }).where(eq(cases.id, caseB));
  });
  afterAll(() => h.close());

  it("community A staff get 403 on community B's case, photo, transition, note, and never its data", async () => {
    for (const r of [
      await a.get(`/api/console/cases/${caseB}`),
      await a.get(`/api/console/cases/${caseB}/photos/${photoB}`),
      await a.post(`/api/console/cases/${caseB}/transition`, { to: 'accepted', data: { assignee: 'x' } }),
      await a.post(`/api/console/cases/${caseB}/notes`, { internalNote: 'x' }),
      await a.post(`/api/console/cases/${caseB}/assign`, { assignee: 'x' }),
    ]) {
      expect(r.status).toBe(403);
      expect(r.text).not.toContain('龙珠路面');
    }
    // a move that would also be illegal still answers 403, not a message about the case's status
    expect((await a.post(`/api/console/cases/${caseB}/transition`, { to: 'closed' })).status).toBe(403);
    expect((await b.get(`/api/console/cases/${caseB}/photos/${photoB}`)).status).toBe(200);
    expect((await a.get(`/api/console/cases/999999`)).status).toBe(404);
  });

  it("filters lists and exports by scope in SQL: B's case never appears for A", async () => {
    const list = await a.get('/api/console/cases');
    expect(list.json.items.map((c: { id: number }) => c.id)).toEqual([caseA]);
    const asked = await a.get('/api/console/cases?communityId=longzhu');
    expect(asked.json).toMatchObject({ items: [], total: 0 });
    const csv = await a.get('/api/console/cases/export.csv?communityId=longzhu');
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain('龙珠');
    const all = await a.get('/api/console/cases/export.csv');
    expect(all.text).toContain('南头城');
    expect(all.text).not.toContain('龙珠');
    expect((await street.get('/api/console/cases')).json.items.map((c: { id: number }) => c.id)).toEqual([caseA]);
    expect((await admin.get('/api/console/cases')).json.total).toBe(2);
  });

  it("community A staff get 403 on community B's ticket and do not see it in the inbox", async () => {
    expect((await a.get(`/api/console/inbox/${ticketB}`)).status).toBe(403);
    expect((await a.post(`/api/console/inbox/${ticketB}/claim`)).status).toBe(403);
    expect((await a.post(`/api/console/inbox/${ticketB}/reply`, { text: 'hi' })).status).toBe(403);
    expect((await a.post(`/api/console/inbox/${ticketB}/notes`, { text: 'hi' })).status).toBe(403);
    expect((await a.post(`/api/console/inbox/${ticketB}/resolve`)).status).toBe(403);
    expect((await a.get('/api/console/inbox')).json.items).toEqual([]);
    expect((await b.get('/api/console/inbox')).json.items.map((t: { id: number }) => t.id)).toEqual([ticketB]);
  });

  it('deputies read and comment on their community only, and move nothing', async () => {
    const d = await deputy.get(`/api/console/cases/${caseA}`);
    expect(d.status).toBe(200);
    expect(d.json.nextTransitions).toEqual([]);
    expect(d.json.case.phone).toBe('138****5678');
    expect(d.json.case.description).toContain('138****5678');
    expect((await deputy.get(`/api/console/cases/${caseB}`)).status).toBe(403);
    expect((await deputy.post(`/api/console/cases/${caseA}/transition`, { to: 'accepted', data: { assignee: 'x' } })).status).toBe(403);
    expect((await deputy.post(`/api/console/cases/${caseA}/notes`, { publicNote: '公开' })).status).toBe(403);
    expect((await deputy.post(`/api/console/cases/${caseA}/notes`, { internalNote: '请加快办理' })).status).toBe(201);
    expect((await deputy.get('/api/console/inbox')).status).toBe(403);
    expect((await deputy.get('/api/console/keyword-replies')).status).toBe(403);
    expect((await deputy.get('/api/console/audit')).status).toBe(403);
    expect((await a.get('/api/console/audit')).status).toBe(403);
    expect((await street.get('/api/console/audit')).status).toBe(403);
    expect((await admin.get('/api/console/audit')).status).toBe(200);
  });

  it('returns resident text as JSON data, never HTML', async () => {
    const d = await a.get(`/api/console/cases/${caseA}`);
    expect(d.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(d.headers.get('x-content-type-options')).toBe('nosniff');
    expect(d.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(d.json.case.description).toContain(XSS);
    expect(d.text).not.toMatch(/^\s*</);
    const [ticket] = await Promise.all([requestHandoff(h.db, { openid: (await h.db.select().from(cases).where(eq(cases.id, caseA)))[0]!.openid!, reason: 'resident', context: { slots: { description: XSS } }, now: h.clock.now() })]);
    await h.db.insert(messages).values({ openid: (await h.db.select().from(cases).where(eq(cases.id, caseA)))[0]!.openid!, conversationId: ticket.ticketId, direction: 'in', sender: 'resident', msgType: 'text', body: XSS, at: h.clock.now() });
    const t = await a.get(`/api/console/inbox/${ticket.ticketId}`);
    expect(t.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(t.json.transcript.at(-1).body).toBe(XSS);
    expect(t.json.context.slots.description).toBe(XSS);
    const list = await a.get('/api/console/inbox');
    expect(list.json.items[0].lastMessagePreview).toContain('<script>');
    expect(list.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});
