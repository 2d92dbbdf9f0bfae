import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { parseWechatXml } from '../../src/wechat/xml.js';
import { resident } from '../helpers/chat.js';
import { BOTH_SETUPS, startServiceOn } from '../helpers/service.js';
import { post, signedPost, textXml } from '../helpers/wechat.js';
import { createStaffUser } from '../../src/console/staff.js';
import { and, eq } from 'drizzle-orm';
import { messages } from '../../src/db/schema.js';

const PASSWORD = 'bad-input-test-password';

/**
 * Input Postgres cannot store (a NUL byte in text) and paths that are not valid percent-encoding
 * get a 400 with the usual error body, or are cleaned; never a 500, never 系统繁忙.
 */
describe.each(BOTH_SETUPS)('bad input at the edges ($name)', ({ real }) => {
  let svc: Service;
  let cookie = '';
  beforeAll(async () => {
    svc = await startServiceOn(real);
    await createStaffUser(svc.database.db, { username: 'clerk', displayName: '社区工作人员', password: PASSWORD, role: 'admin' }, { memoryCost: 1024, timeCost: 1 });
    const login = await fetch(`${svc.url}/api/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'clerk', password: PASSWORD }) });
    expect(login.status).toBe(200);
    cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  }, 120_000);
  afterAll(() => svc?.stop());

  const consoleGet = async (p: string) => {
    const res = await fetch(`${svc.url}${p}`, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string; reason?: string; requestId: string } } };
  };

  it('GET /api/console/cases?q=%00 is a 400 with the usual error body', async () => {
    const a = await consoleGet('/api/console/cases?q=%00');
    expect(a.status).toBe(400);
    expect(a.body.error).toMatchObject({ code: 'bad_request', reason: 'nul_byte', message: '请求中含有无法保存的空字符（NUL），请删除后重试' });
    expect(a.body.error!.requestId).toBeTruthy();
    // the public pages and the webhook get the same edge
    const page = await fetch(`${svc.url}/wishes?community=%00`);
    expect([page.status, await page.text()]).toEqual([400, '请求中含有无法保存的空字符（NUL），请删除后重试']);
    expect((await consoleGet('/api/console/cases?q=%E8%B7%AF%00%E7%81%AF')).status).toBe(400);
  });

  it('a NUL in a JSON body is a 400 too', async () => {
    const res = await fetch(`${svc.url}/api/console/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'clerk\u0000', password: PASSWORD }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { reason: string } }).error.reason).toBe('nul_byte');
  });

  it('a malformed percent-escape in a console path (/api/console/cases/%E0%A4%A) is a 400', async () => {
    const a = await consoleGet('/api/console/cases/%E0%A4%A');
    expect(a.status).toBe(400);
    expect(a.body.error).toMatchObject({ code: 'bad_request', reason: 'bad_path', message: '网址有误（含有无效的 % 编码），请检查后重试' });
    expect((await consoleGet('/api/console/cases/%E0%A4%A/transition')).status).toBe(400);
  });

  it("a malformed percent-escape in a public page's path is a 400 page", async () => {
    for (const p of ['/c/%E0%A4%A', '/community/%E0%A4%A', '/community/%E0%A4%A/publicity', '/c/1/photos/%E0%A4%A', '/wishes?community=%E0%A4%A']) {
      const res = await fetch(`${svc.url}${p}`);
      expect(res.status, p).toBe(400);
      expect(await res.text(), p).toBe('网址有误（含有无效的 % 编码），请检查后重试');
    }
  });

  it('a resident message containing NUL is taken without the NUL, never 系统繁忙', async () => {
    const r = resident(svc, `oNul${real ? 'R' : 'E'}`);
    const reply = await r.say('报修\u0000');
    expect(reply).not.toContain('系统繁忙');
    expect(reply).toBe(await resident(svc, `oNoNul${real ? 'R' : 'E'}`).say('报修'));
    // and through the webhook itself, in XML (as the character reference WeChat would send) and in JSON
    const token = svc.config.wechat.token;
    const xml = textXml('oNulXml', '路灯&#0;不亮\u0000了');
    const viaXml = await post(svc.url, signedPost(xml, { token, openid: 'oNulXml' }));
    expect(viaXml.status).toBe(200);
    expect(viaXml.text).not.toContain('系统繁忙');
    const json = JSON.stringify({ ToUserName: 'gh_0123456789ab', FromUserName: 'oNulJson', CreateTime: 1714036504, MsgType: 'text', Content: '报修\u0000', MsgId: '1234567890123' });
    const viaJson = await post(svc.url, signedPost(json, { token, openid: 'oNulJson' }));
    expect(viaJson.status).toBe(200);
    expect(viaJson.text).not.toContain('系统繁忙');
    expect(viaJson.text).not.toBe('');
    if (viaJson.text !== 'success') expect(JSON.stringify(parseWechatXml(viaJson.text))).not.toContain('系统繁忙');
  });

  it('half an emoji in a JSON message (a lone surrogate) is kept as U+FFFD: the resident is answered and the transcript keeps reaching the database', async () => {
    const token = svc.config.wechat.token;
    const openid = `oHalfEmoji${real ? 'R' : 'E'}`;
    const say = async (content: string, msgId: string) => {
      // JSON.stringify writes a lone surrogate as the escape \ud83d, as WeChat's JSON format would
      const json = JSON.stringify({ ToUserName: 'gh_0123456789ab', FromUserName: openid, CreateTime: 1714036504, MsgType: 'text', Content: content, MsgId: msgId });
      const res = await post(svc.url, signedPost(json, { token, openid }));
      expect(res.status).toBe(200);
      return res.text;
    };
    expect(await say('你好\ud83d', '99000001')).not.toContain('系统繁忙');
    expect(await say('路灯不亮\ude00了', '99000002')).not.toContain('系统繁忙');
    await svc.transcript.drain();
    const rows = await svc.database.db.select({ body: messages.body }).from(messages).where(and(eq(messages.openid, openid), eq(messages.direction, 'in')));
    expect(rows.map((r) => r.body).sort()).toEqual(['你好\ufffd', '路灯不亮\ufffd了']);
  });
});
