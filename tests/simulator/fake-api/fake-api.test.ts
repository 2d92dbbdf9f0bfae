import Koa from 'koa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFakeWechatApi } from '../../../src/simulator/fake-api/index.js';
import { startFakeWechatServer, type FakeWechatServer } from '../../../src/simulator/fake-api/server.js';
import { SimRecorder } from '../../../src/simulator/recorder.js';

const APP_ID = 'wx00000000000000aa';
const SECRET = 'fake-api-test-secret';

let t = Date.UTC(2026, 5, 1, 0, 0, 0);
const now = () => t;

let srv: FakeWechatServer;
beforeAll(async () => {
  srv = await startFakeWechatServer({ appId: APP_ID, appSecret: SECRET, now, templateIds: ['TPL1'] });
});
afterAll(() => srv.close());
afterEach(() => srv.faults.clear());

async function call(path: string, init: { method?: string; body?: unknown; query?: Record<string, string> } = {}) {
  const q = new URLSearchParams(init.query ?? {}).toString();
  const res = await fetch(`${srv.url}/cgi-bin/${path}${q ? `?${q}` : ''}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
}
const json = async (path: string, init: Parameters<typeof call>[1] = {}) => JSON.parse((await call(path, init)).text) as Record<string, unknown>;
const stable = (force = false, secret = SECRET) => json('stable_token', { body: { grant_type: 'client_credential', appid: APP_ID, secret, force_refresh: force } });

describe('fake WeChat API: tokens', () => {
  it('stable_token returns the same token while valid; force_refresh rotates it and kills the old one', async () => {
    const a = await stable();
    const b = await stable();
    expect(a).toMatchObject({ access_token: expect.any(String), expires_in: 7200 });
    expect(b.access_token).toBe(a.access_token);
    const c = await stable(true);
    expect(c.access_token).not.toBe(a.access_token);
    expect(await json('menu/create', { query: { access_token: String(a.access_token) }, body: { button: [] } })).toMatchObject({ errcode: 40001 });
    // ≥ 30 s between force refreshes
    t += 10_000;
    expect(await stable(true)).toMatchObject({ errcode: 45011 });
    t += 21_000;
    expect((await stable(true)).access_token).toEqual(expect.any(String));
  });

  it('refuses a wrong secret or appid, and records no secret', async () => {
    expect(await stable(false, 'wrong')).toMatchObject({ errcode: 40125 });
    expect(await json('stable_token', { body: { grant_type: 'client_credential', appid: 'wx-other', secret: SECRET } })).toMatchObject({ errcode: 40013 });
    expect(JSON.stringify(srv.recorder.list({ api: 'stable_token' }))).not.toContain(SECRET);
  });

  it('checks the token on every call: missing 41001, unknown 40001, expired 42001', async () => {
    expect(await json('menu/create', { body: { button: [] } })).toMatchObject({ errcode: 41001 });
    expect(await json('menu/create', { query: { access_token: 'nope' }, body: { button: [] } })).toMatchObject({ errcode: 40001 });
    const basic = await json('token', { query: { grant_type: 'client_credential', appid: APP_ID, secret: SECRET } });
    t += 7200_000;
    expect(await json('menu/create', { query: { access_token: String(basic.access_token) }, body: { button: [] } })).toMatchObject({ errcode: 42001 });
  });
});

describe('fake WeChat API: messages', () => {
  let token = '';
  beforeAll(async () => {
    token = String((await stable()).access_token);
  });
  const q = () => ({ access_token: token });
  const textTo = (touser: string) => ({ touser, msgtype: 'text', text: { content: '您好' } });

  it('customer-service quota: 45015 without a window, 5 per message, 45047 after', async () => {
    expect(await json('message/custom/send', { query: q(), body: textTo('u1') })).toMatchObject({ errcode: 45015 });
    srv.api.noteInbound('u1', 'message');
    for (let i = 0; i < 5; i++) expect(await json('message/custom/send', { query: q(), body: textTo('u1') })).toMatchObject({ errcode: 0 });
    expect(await json('message/custom/send', { query: q(), body: textTo('u1') })).toMatchObject({ errcode: 45047 });
    srv.api.noteInbound('u1', 'menu_click');
    expect(srv.api.kfRemaining('u1')).toBe(3);
    t += 61_000;
    expect(await json('message/custom/send', { query: q(), body: textTo('u1') })).toMatchObject({ errcode: 45047 });
    expect(srv.recorder.delivered({ api: 'message/custom/send', openid: 'u1' })).toHaveLength(5);
  });

  it('validates the body shape', async () => {
    srv.api.noteInbound('u2', 'message');
    expect(await json('message/custom/send', { query: q(), body: { touser: 'u2', msgtype: 'text', text: {} } })).toMatchObject({ errcode: 47001 });
    expect(await json('message/custom/send', { query: q(), body: { touser: 'u2', msgtype: 'telegram' } })).toMatchObject({ errcode: 40008 });
    const two = { title: 't', url: 'https://e.org' };
    expect(await json('message/custom/send', { query: q(), body: { touser: 'u2', msgtype: 'news', news: { articles: [two, two] } } })).toMatchObject({ errcode: 45008 });
    expect(await json('message/custom/send', { query: q(), body: { touser: 'u2', msgtype: 'image', image: { media_id: 'missing' } } })).toMatchObject({ errcode: 40007 });
    expect(await json('message/custom/typing', { query: q(), body: { touser: 'u2', command: 'Dance' } })).toMatchObject({ errcode: 47001 });
  });

  it('template: shows values as WeChat does, 40037 for unknown ids, client_msg_id de-duplicated', async () => {
    const body = {
      touser: 'u3',
      template_id: 'TPL1',
      client_msg_id: 'c-1',
      data: { first: { value: '您好' }, thing1: { value: '第一行\n第二行，这一段文字一共超过了二十个字符的长度', color: '#ff0000' }, remark: { value: '谢谢' } },
    };
    const first = await call('message/template/send', { query: q(), body });
    expect(first.text).toMatch(/"msgid":\d{19}\}$/); // a bare 64-bit number, as WeChat sends it
    const again = await call('message/template/send', { query: q(), body });
    expect(again.text).toBe(first.text);
    const delivered = srv.recorder.delivered({ api: 'message/template/send', openid: 'u3' });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.body).toMatchObject({ data: { thing1: { value: '第一行第二行，这一段文字一共超过了二十个' } } });
    expect(Object.keys((delivered[0]!.body as { data: object }).data)).toEqual(['thing1']);
    expect(await json('message/template/send', { query: q(), body: { ...body, template_id: 'TPL_X' } })).toMatchObject({ errcode: 40037 });
    expect(await json('message/template/send', { query: q(), body: { touser: 'u3', template_id: 'TPL1' } })).toMatchObject({ errcode: 47003 });
  });

  it('media: registered media download as files, unknown ids are 40007 JSON', async () => {
    srv.api.registerMedia('M1', Buffer.from([1, 2, 3]), 'image/jpeg');
    const ok = await fetch(`${srv.url}/cgi-bin/media/get?access_token=${token}&media_id=M1`);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect(ok.headers.get('content-disposition')).toContain('M1.jpg');
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(Buffer.from([1, 2, 3]));
    expect(await json('media/get', { query: { ...q(), media_id: 'M2' } })).toMatchObject({ errcode: 40007 });
  });

  it('menu/create validates like WeChat and keeps the accepted menu', async () => {
    const good = { button: [{ name: '报修', sub_button: [{ type: 'location_select', name: '位置报修', key: 'loc' }] }] };
    expect(await json('menu/create', { query: q(), body: good })).toMatchObject({ errcode: 0 });
    expect(srv.api.currentMenu()).toEqual(good);
    expect(await json('menu/create', { query: q(), body: { button: [] } })).toMatchObject({ errcode: 40016 });
    expect(await json('menu/create', { query: q(), body: { button: [{ type: 'click', name: 'x' }] } })).toMatchObject({ errcode: 40019 });
    expect(await json('menu/create', { query: q(), body: { button: [{ name: 'x', sub_button: Array(6).fill({ type: 'click', name: 'a', key: 'b' }) }] } })).toMatchObject({ errcode: 40023 });
    expect(srv.api.currentMenu()).toEqual(good);
  });
});

describe('fake WeChat API: faults', () => {
  let token = '';
  beforeAll(async () => {
    token = String((await stable()).access_token);
  });

  it('fail the next N matching calls, then behave', async () => {
    srv.faults.inject({ api: 'menu/create', errcode: -1, times: 2 });
    const body = { button: [{ type: 'click', name: 'a', key: 'b' }] };
    expect(await json('menu/create', { query: { access_token: token }, body })).toMatchObject({ errcode: -1 });
    expect(await json('message/custom/typing', { query: { access_token: token }, body: { touser: 'nobody', command: 'Typing' } })).toMatchObject({ errcode: 45015 });
    expect(await json('menu/create', { query: { access_token: token }, body })).toMatchObject({ errcode: -1 });
    expect(await json('menu/create', { query: { access_token: token }, body })).toMatchObject({ errcode: 0 });
    expect(srv.faults.pending()).toBe(0);
  });

  it('an HTTP status, a reset, a processed failure', async () => {
    srv.faults.inject({ httpStatus: 503 });
    expect((await call('menu/create', { query: { access_token: token }, body: {} })).status).toBe(503);
    srv.faults.inject({ reset: true });
    await expect(call('menu/create', { query: { access_token: token }, body: {} })).rejects.toThrow();
    srv.api.noteInbound('u9', 'follow');
    srv.faults.inject({ api: 'message/custom/send', httpStatus: 500, processed: true });
    const r = await call('message/custom/send', { query: { access_token: token }, body: { touser: 'u9', msgtype: 'text', text: { content: 'x' } } });
    expect(r.status).toBe(500);
    expect(srv.recorder.delivered({ api: 'message/custom/send', openid: 'u9' })).toHaveLength(1);
    expect(srv.api.kfRemaining('u9')).toBe(2);
  });
});

describe('fake WeChat API as Koa middleware', () => {
  it('answers only under its prefix and passes everything else on', async () => {
    const recorder = new SimRecorder();
    const fake = createFakeWechatApi({ appId: APP_ID, appSecret: SECRET, recorder, prefix: '/x/api' });
    const app = new Koa();
    app.use(fake.middleware);
    app.use((ctx) => {
      ctx.body = 'next';
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      expect(await (await fetch(`${base}/other`)).text()).toBe('next');
      const r = await fetch(`${base}/x/api/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: APP_ID, secret: SECRET }) });
      expect(await r.json()).toMatchObject({ access_token: fake.issuedTokens[0] });
      expect(recorder.list()).toHaveLength(1);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
