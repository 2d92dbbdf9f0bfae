import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE } from '../../src/console/contract.js';
import { AppError } from '../../src/errors.js';
import { requestContext } from '../../src/http/error-middleware.js';
import { capturedLog } from '../helpers/captured-log.js';

/**
 * The one error funnel: under the console API errors are JSON `{ error: { code, message, reason?,
 * requestId } }` with the status of the error; every other path (the WeChat webhook, public pages,
 * the simulator) keeps its text/plain body. A 500 says nothing of its cause, which is logged.
 */
const SECRET = 'connect ECONNREFUSED 10.0.0.7:5432 password=hunter2 at /srv/app/src/db/client.ts:42';

describe('the error funnel', () => {
  let server: Server;
  let url = '';
  const { lines: logged, logger } = capturedLog('warn');

  beforeAll(async () => {
    const app = new Koa();
    app.silent = true;
    app.use(requestContext(logger, { jsonErrorsUnder: [API_BASE] }));
    app.use(async (ctx, next) => {
      const p = ctx.path.replace(/^\/api\/console/, '');
      if (p === '/refused') throw new AppError('forbidden', '页面已过期，请刷新后重试（CSRF 校验失败）', { reason: 'csrf' });
      if (p === '/missing') throw new AppError('not_found', '没有这条事项');
      if (p === '/boom') throw new Error(SECRET);
      if (p === '/thrown-string') throw SECRET;
      if (ctx.path === '/api/console/ok') {
        ctx.body = { ok: true };
        return;
      }
      await next();
    });
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const get = async (p: string, headers: Record<string, string> = {}) => {
    const res = await fetch(url + p, { headers });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', requestId: res.headers.get('x-request-id'), text };
  };

  it('answers a console AppError as JSON with its status, code, zh-CN message, reason and request id', async () => {
    const a = await get('/api/console/refused', { 'x-request-id': 'req-abc.1' });
    expect(a.status).toBe(403);
    expect(a.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(a.text)).toEqual({
      error: { code: 'forbidden', message: '页面已过期，请刷新后重试（CSRF 校验失败）', reason: 'csrf', requestId: 'req-abc.1' },
    });
    // a reason that only repeats the code is left out
    const missing = JSON.parse((await get('/api/console/missing')).text);
    expect(missing.error).toEqual({ code: 'not_found', message: '没有这条事项', requestId: expect.any(String) });
  });

  it('answers a console 500 with nothing internal, and logs the cause under the same request id', async () => {
    for (const p of ['/api/console/boom', '/api/console/thrown-string']) {
      const a = await get(p);
      expect(a.status).toBe(500);
      expect(a.type).toBe('application/json; charset=utf-8');
      const body = JSON.parse(a.text);
      expect(body).toEqual({ error: { code: 'internal', message: '服务器出错了，请稍后再试', requestId: a.requestId } });
      for (const leak of ['ECONNREFUSED', '10.0.0.7', 'hunter2', '/srv/', 'client.ts', 'Error', 'stack']) expect(a.text).not.toContain(leak);
      const line = logged.find((l) => l.requestId === a.requestId && l.msg === 'unhandled error');
      expect(line, `log line of ${p}`).toBeDefined();
    }
  });

  it('answers a console path no route took as JSON 404 (no_route), not the bare "Not Found"', async () => {
    const a = await get('/api/console/no-such-thing');
    expect(a.status).toBe(404);
    expect(JSON.parse(a.text)).toEqual({ error: { code: 'not_found', message: '没有这个接口', reason: 'no_route', requestId: a.requestId } });
    expect(JSON.parse((await get('/api/console')).text).error.reason).toBe('no_route');
    expect((await get('/api/console/ok')).text).toBe('{"ok":true}');
  });

  it('keeps text/plain everywhere else: the webhook, public pages, the simulator', async () => {
    for (const p of ['/wechat/refused', '/c/1/missing', '/simulator/boom', '/api/consolex/boom']) {
      const a = await get(p);
      expect(a.type, p).toBe('text/plain; charset=utf-8');
      expect(a.text.startsWith('{'), p).toBe(false);
    }
    // the paths this app routes by their last segment only for the console prefix: these are 404s
    expect((await get('/wechat/refused')).text).toBe('Not Found');
    const boom = await get('/boom');
    expect(boom).toMatchObject({ status: 500, text: 'internal error' });
    expect((await get('/refused')).text).toBe('页面已过期，请刷新后重试（CSRF 校验失败）');
  });
});
