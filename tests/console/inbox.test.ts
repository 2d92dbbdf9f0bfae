import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindCommunity, ensureResident } from '../../src/civic/index.js';
import { publishInboxEvent } from '../../src/console/index.js';
import { auditLog, conversations, messages } from '../../src/db/schema.js';
import { silentLogger } from '../../src/log.js';
import { createRuntime } from '../../src/runtime/create-runtime.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';
import { OFFICIAL_ID } from '../helpers/wechat.js';
import { startConsole, type Client, type ConsoleHarness } from './harness.js';

let msgSeq = 7_250_021_412_600_100_000n;

describe('console inbox', () => {
  let h: ConsoleHarness;
  let bot: MessageHandler;
  let worker: Client;
  let colleague: Client;
  let workerId: number;

  /** a resident's text, as WeChat delivers it: WeChat opens the window, then the bot handles it */
  const say = async (openid: string, content: string): Promise<string> => {
    h.fake!.api.noteInbound(openid, 'message');
    const id = String(++msgSeq);
    const out = await bot({ type: 'text', toUser: OFFICIAL_ID, fromUser: openid, createTime: Math.floor(h.clock.now().getTime() / 1000), msgId: id, content }, { dedupeKey: id });
    return out.map((m) => (m.type === 'text' ? m.content : m.type)).join('\n');
  };
  const resident = async (openid: string) => {
    await ensureResident(h.db, openid, h.clock.now());
    await bindCommunity(h.db, openid, 'nantoucheng', h.clock.now());
  };

  beforeAll(async () => {
    h = await startConsole('postgres', { wechat: true });
    workerId = await h.user('w1', 'community', { communityId: 'nantoucheng' });
    await h.user('w2', 'community', { communityId: 'nantoucheng' });
    worker = await h.login('w1');
    colleague = await h.login('w2');
    const runtime = await createRuntime({ db: h.db, store: h.store, logger: silentLogger, api: () => h.api, media: h.media, publicUrl: () => 'http://127.0.0.1', now: h.clock.now });
    bot = runtime.handler;
  });
  afterAll(() => h.close());

  it('ticket from the bot → claim → reply reaches WeChat → note stays internal → resolve → the bot answers again', async () => {
    const openid = 'o-inbox-flow';
    await resident(openid);
    expect(await say(openid, '你好')).not.toBe('');
    expect(await say(openid, '人工')).toContain('人工');
    const list = await worker.get('/api/console/inbox');
    expect(list.json.items).toHaveLength(1);
    const ticket = list.json.items[0];
    expect(ticket).toMatchObject({ status: 'queued', communityId: 'nantoucheng', communityName: '南头城社区', assigneeId: null });
    expect(ticket.residentLabel).not.toBe(openid);

    // the bot is silent while the ticket is open; the message reaches the transcript
    expect(await say(openid, '路灯坏了三天了，晚上很黑')).toBe('');
    const detail = await worker.get(`/api/console/inbox/${ticket.id}`);
    expect(detail.json.transcript.map((m: { body: string }) => m.body)).toEqual(expect.arrayContaining(['你好', '人工', '路灯坏了三天了，晚上很黑']));
    expect(detail.json.quota).toMatchObject({ open: true, remaining: 5, notifyAvailable: true });

    const claimed = await worker.post(`/api/console/inbox/${ticket.id}/claim`);
    expect(claimed.json).toMatchObject({ changed: true, ticket: { status: 'assigned', assigneeId: workerId, assigneeName: 'w1名' } });
    expect((await worker.post(`/api/console/inbox/${ticket.id}/claim`)).json.changed).toBe(false);
    const taken = await colleague.post(`/api/console/inbox/${ticket.id}/claim`);
    expect(taken.status).toBe(409);
    expect(taken.json.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('w1名') });

    const reply = await worker.post(`/api/console/inbox/${ticket.id}/reply`, { text: '您好，已安排电工今晚检修。' });
    expect(reply.status).toBe(200);
    expect(reply.json.message).toMatchObject({ kind: 'staff', direction: 'out', body: '您好，已安排电工今晚检修。', senderName: 'w1名', internal: false });
    expect(reply.json.quota.remaining).toBe(4);
    const sent = h.fake!.recorder.delivered({ api: 'message/custom/send', openid });
    // the resident reads it as from a person (w1 has no public name: 工作人员 alone); staff read their words
    expect(sent.map((r) => (r.body as { text: { content: string } }).text.content)).toEqual(['工作人员：您好，已安排电工今晚检修。']);
    const [stored] = await h.db.select().from(messages).where(and(eq(messages.openid, openid), eq(messages.sender, `staff:${workerId}`)));
    expect(stored).toMatchObject({ conversationId: ticket.id, direction: 'out', msgType: 'text' });

    const note = await worker.post(`/api/console/inbox/${ticket.id}/notes`, { text: '居民情绪较急，今晚回访' });
    expect(note.status).toBe(201);
    expect(note.json).toMatchObject({ kind: 'note', internal: true });
    expect(h.fake!.recorder.delivered({ openid }).filter((r) => JSON.stringify(r.body).includes('回访'))).toEqual([]);
    const after = await worker.get(`/api/console/inbox/${ticket.id}`);
    expect(after.json.transcript.find((m: { body: string }) => m.body === '居民情绪较急，今晚回访')).toMatchObject({ internal: true, kind: 'note' });

    const resolved = await worker.post(`/api/console/inbox/${ticket.id}/resolve`);
    expect(resolved.json).toMatchObject({ changed: true, ticket: { status: 'resolved' } });
    expect((await worker.post(`/api/console/inbox/${ticket.id}/resolve`)).json.changed).toBe(false);
    expect((await worker.post(`/api/console/inbox/${ticket.id}/reply`, { text: 'x' })).status).toBe(409);
    expect(await say(openid, '你好')).not.toBe('');
    expect((await worker.get('/api/console/inbox')).json.items).toEqual([]);
    expect((await worker.get('/api/console/inbox?status=resolved')).json.items).toHaveLength(1);

    const actions = (await h.db.select().from(auditLog).where(eq(auditLog.target, `ticket:${ticket.id}`))).map((r) => r.action);
    expect(actions).toEqual(['ticket.claim', 'ticket.reply', 'ticket.note', 'ticket.resolve']);
  });

  it('answers 409 when the 48 h window is closed and offers the template notice instead', async () => {
    const openid = 'o-inbox-window';
    await resident(openid);
    await say(openid, '人工');
    const [t] = await h.db.select().from(conversations).where(eq(conversations.openid, openid));
    h.clock.advance(49 * 3600_000);
    // the sessions ended long ago too
    expect((await worker.get('/api/console/me')).status).toBe(401);
    worker = await h.login('w1');
    colleague = await h.login('w2');
    const detail = await worker.get(`/api/console/inbox/${t!.id}`);
    expect(detail.json.quota).toMatchObject({ open: false, remaining: 0 });
    const closed = await worker.post(`/api/console/inbox/${t!.id}/reply`, { text: '您好' });
    expect(closed.status).toBe(409);
    expect(closed.json.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('/notify') });
    const n1 = await worker.post(`/api/console/inbox/${t!.id}/notify`, {});
    expect(n1.status).toBe(200);
    const n2 = await worker.post(`/api/console/inbox/${t!.id}/notify`, {});
    expect(n2.json.msgId).toBe(n1.json.msgId);
    const templates = h.fake!.recorder.delivered({ api: 'message/template/send', openid });
    expect(templates).toHaveLength(1);
    expect(templates[0]!.body).toMatchObject({ template_id: 'TPL-NOTICE', data: { thing1: { value: '工作人员已回复您，请在公众号内回复查看' } } });
    const lines = (await worker.get(`/api/console/inbox/${t!.id}`)).json.transcript.filter((m: { msgType: string }) => m.msgType === 'template');
    expect(lines).toHaveLength(1);
    // the resident writes back: the window is open again
    await say(openid, '收到');
    expect((await worker.post(`/api/console/inbox/${t!.id}/reply`, { text: '好的，我们明天上门。' })).status).toBe(200);
  });

  it('a reply is marked with the public name an admin gave the account (工作人员 小王：)', async () => {
    const openid = 'o-inbox-named';
    await resident(openid);
    await say(openid, '人工');
    const [t] = await h.db.select().from(conversations).where(eq(conversations.openid, openid));
    await h.user('root-named', 'admin');
    const admin = await h.login('root-named');
    const w2 = await h.user('w2-named', 'community', { communityId: 'nantoucheng' });
    const named = await admin.patch(`/api/console/staff/${w2}`, { publicName: '小王' });
    expect(named.status).toBe(200);
    expect(named.json.publicName).toBe('小王');
    // a name with markup or a line break never reaches a resident
    expect((await admin.patch(`/api/console/staff/${w2}`, { publicName: '<a href="x">王</a>' })).status).toBe(400);
    expect((await admin.patch(`/api/console/staff/${w2}`, { publicName: '小\n王' })).status).toBe(400);
    const staff2 = await h.login('w2-named');
    expect((await staff2.post(`/api/console/inbox/${t!.id}/reply`, { text: '您好，我来处理。' })).status).toBe(200);
    const sent = h.fake!.recorder.delivered({ api: 'message/custom/send', openid });
    expect(sent.map((r) => (r.body as { text: { content: string } }).text.content)).toEqual(['工作人员 小王：您好，我来处理。']);
    // cleared: 工作人员 alone
    expect((await admin.patch(`/api/console/staff/${w2}`, { publicName: null })).json.publicName).toBeNull();
    await staff2.post(`/api/console/inbox/${t!.id}/reply`, { text: '已经安排了。' });
    expect(h.fake!.recorder.delivered({ api: 'message/custom/send', openid }).at(-1)!.body).toMatchObject({ text: { content: '工作人员：已经安排了。' } });
  });

  it('assigns only to staff whose scope covers the ticket', async () => {
    const openid = 'o-inbox-assign';
    await resident(openid);
    await say(openid, '人工');
    const [t] = await h.db.select().from(conversations).where(eq(conversations.openid, openid));
    const other = await h.user('lz', 'community', { communityId: 'longzhu' });
    const dep = await h.user('dep-nt', 'deputy', { communityId: 'nantoucheng' });
    expect((await worker.post(`/api/console/inbox/${t!.id}/assign`, { assigneeId: other })).status).toBe(400);
    expect((await worker.post(`/api/console/inbox/${t!.id}/assign`, { assigneeId: dep })).status).toBe(400);
    const w2 = (await worker.get('/api/console/staff?assignable=true')).json.items.find((u: { username: string }) => u.username === 'w2');
    const ok = await worker.post(`/api/console/inbox/${t!.id}/assign`, { assigneeId: w2.id });
    expect(ok.json).toMatchObject({ changed: true, ticket: { status: 'assigned', assigneeId: w2.id } });
    expect((await colleague.get('/api/console/inbox?mine=true')).json.items.map((x: { id: number }) => x.id)).toContain(t!.id);
    expect((await worker.get('/api/console/inbox/canned-replies')).json.items.length).toBeGreaterThan(3);
  });

  it('streams inbox events (SSE) through the store, filtered by scope', async () => {
    const lz = await h.login('lz');
    const events: string[] = [];
    const otherEvents: string[] = [];
    const open = async (c: Client, into: string[]) => {
      const ctl = new AbortController();
      const res = await fetch(`${h.url}/api/console/inbox/stream`, { headers: { cookie: c.cookie }, signal: ctl.signal });
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      void (async () => {
        const dec = new TextDecoder();
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
          if (done) return;
          into.push(dec.decode(value));
        }
      })();
      return ctl;
    };
    const c1 = await open(worker, events);
    const c2 = await open(lz, otherEvents);
    await new Promise((r) => setTimeout(r, 100));
    const openid = 'o-inbox-sse';
    await resident(openid);
    await say(openid, '人工');
    const [t] = await h.db.select().from(conversations).where(eq(conversations.openid, openid));
    // the runtime's call when it opens a ticket
    await publishInboxEvent(h.store, { type: 'ticket_opened', ticketId: t!.id, communityId: 'nantoucheng', status: 'queued' });
    await worker.post(`/api/console/inbox/${t!.id}/claim`);
    for (let i = 0; i < 50 && !events.join('').includes('ticket_updated'); i++) await new Promise((r) => setTimeout(r, 20));
    c1.abort();
    c2.abort();
    const text = events.join('');
    expect(text).toContain('event: ready');
    expect(text).toContain(`"type":"ticket_opened","ticketId":${t!.id}`);
    expect(text).toContain(`"type":"ticket_updated","ticketId":${t!.id}`);
    expect(otherEvents.join('')).not.toContain(`"ticketId":${t!.id}`);
    expect((await h.fetch('GET', '/api/console/inbox/stream')).status).toBe(401);
  });
});
