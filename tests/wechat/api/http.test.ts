import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { quoteBigIds, WechatHttp } from '../../../src/wechat/api/http.js';
import { WechatApiError, WechatTransportError } from '../../../src/wechat/api/errors.js';

/** a server answering whatever the test put in `next` */
let next: { status: number; type: string; body: string } = { status: 200, type: 'application/json', body: '{}' };
const server = http.createServer((req, res) => {
  req.resume();
  res.writeHead(next.status, { 'content-type': next.type });
  res.end(next.body);
});
let client: WechatHttp;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  client = new WechatHttp({ apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const answer = (status: number, body: string, type = 'application/json') => (next = { status, type, body });
const schema = z.object({ msgid: z.string() });
const attempt = (s: z.ZodType = schema) => client.json({ api: 'message/template/send', json: {}, accessToken: 'SECRET_TOKEN' }, s).catch((e: unknown) => e);

describe('WechatHttp', () => {
  it('keeps 64-bit ids exact', async () => {
    expect(quoteBigIds('{"errcode":0,"msgid":3100000000000000123}')).toBe('{"errcode":0,"msgid":"3100000000000000123"}');
    answer(200, '{"errcode":0,"errmsg":"ok","msgid":3100000000000000123}');
    expect(await attempt()).toEqual({ msgid: '3100000000000000123' });
  });

  it('a non-zero errcode is a WechatApiError naming the API', async () => {
    answer(200, '{"errcode":40003,"errmsg":"invalid openid"}');
    const err = await attempt();
    expect(err).toBeInstanceOf(WechatApiError);
    expect(err).toMatchObject({ api: 'message/template/send', errcode: 40003, errmsg: 'invalid openid' });
  });

  it('5xx and garbled answers are transport errors that may have been delivered', async () => {
    answer(502, '<html>bad gateway</html>', 'text/html');
    expect(await attempt()).toMatchObject({ reason: 'http_status', maybeDelivered: true, status: 502 });
    answer(200, 'not json', 'text/plain');
    expect(await attempt()).toMatchObject({ reason: 'bad_response', maybeDelivered: true });
    answer(200, '{"unexpected":true}');
    const err = await attempt();
    expect(err).toBeInstanceOf(WechatTransportError);
    expect(err).toMatchObject({ reason: 'bad_response' });
  });

  it('a 4xx without WeChat JSON was not delivered', async () => {
    answer(404, 'nope', 'text/plain');
    expect(await attempt()).toMatchObject({ reason: 'bad_response', maybeDelivered: false });
  });

  it('no error message carries the token', async () => {
    for (const [status, body] of [[200, '{"errcode":40001,"errmsg":"invalid credential"}'], [500, ''], [200, 'x']] as const) {
      answer(status, body);
      const err = (await attempt()) as Error;
      expect(`${err.message}${err.stack}`).not.toContain('SECRET_TOKEN');
    }
  });
});
