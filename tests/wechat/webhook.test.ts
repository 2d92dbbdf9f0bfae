import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { WechatCrypto } from '../../src/wechat/crypto.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';
import { parseWechatXml } from '../../src/wechat/xml.js';
import { sha1Signature } from '../../src/wechat/signature.js';
import { startTestService } from '../helpers/service.js';
import { OFFICIAL_ID, post, signedPost, textXml } from '../helpers/wechat.js';

const AES_KEY = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const OLD_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APP_ID = 'wx0000000000000000';

const echo: MessageHandler = async (msg) => (msg.type === 'text' ? [{ type: 'text', content: `收到：${msg.content}` }] : []);

describe('webhook: plaintext mode', () => {
  let svc: Service;
  let token: string;
  beforeAll(async () => {
    svc = await startTestService({}, { handler: echo, db: 'postgres' });
    token = svc.config.wechat.token;
  });
  afterAll(() => svc.stop());

  it('answers URL verification with echostr only when the signature is valid', async () => {
    const q = (sig: string) => `${svc.url}/wechat?signature=${sig}&timestamp=1714036504&nonce=1514711492&echostr=4375120948345356249`;
    const good = await fetch(q(sha1Signature(token, '1714036504', '1514711492')));
    expect(good.status).toBe(200);
    expect(await good.text()).toBe('4375120948345356249');
    const bad = await fetch(q('f464b24fc39322e44b38aa78f5edd27bd1441696'));
    expect(bad.status).toBe(401);
    const missing = await fetch(`${svc.url}/wechat?timestamp=1&nonce=2`);
    expect(missing.status).toBe(400);
  });

  it('replies to a signed text message with a passive text reply', async () => {
    const res = await post(svc.url, signedPost(textXml('oResident1', '你好 007'), { token, openid: 'oResident1' }));
    expect(res.status).toBe(200);
    const reply = parseWechatXml(res.text);
    expect(reply).toMatchObject({ ToUserName: 'oResident1', FromUserName: OFFICIAL_ID, MsgType: 'text', Content: '收到：你好 007' });
  });

  it('refuses bad input with a clear status and processes nothing', async () => {
    const xml = textXml('oBad', 'x');
    const req = signedPost(xml, { token });
    const forged = req.path.replace(/signature=[0-9a-f]+/, 'signature=' + '0'.repeat(40));
    expect((await post(svc.url, { path: forged, body: xml })).status).toBe(401);
    expect((await post(svc.url, { path: '/wechat?signature=abc', body: xml })).status).toBe(400);
    expect((await post(svc.url, { ...req, body: '<xml><ToUserName>' })).status).toBe(400);
    expect((await post(svc.url, { ...req, body: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml>&e;</xml>' })).status).toBe(400);
    expect((await post(svc.url, { ...req, body: 'x'.repeat(70 * 1024) })).status).toBe(413);
    expect((await post(svc.url, { ...req, body: '<xml><MsgType>text</MsgType></xml>' })).status).toBe(400);
    const put = await fetch(`${svc.url}${req.path}`, { method: 'PUT', body: xml });
    expect(put.status).toBe(405);
    const metrics = await (await fetch(`${svc.url}/metrics`)).text();
    expect(metrics).toMatch(/wechat_rejected_requests_total\{reason="bad_signature"\} [1-9]/);
    expect(metrics).toMatch(/wechat_rejected_requests_total\{reason="body_too_large"\} 1/);
  });

  it('answers an unknown message type with success', async () => {
    const xml = `<xml><ToUserName>${OFFICIAL_ID}</ToUserName><FromUserName>oX</FromUserName><CreateTime>1</CreateTime><MsgType>hologram</MsgType></xml>`;
    const res = await post(svc.url, signedPost(xml, { token }));
    expect(res).toEqual({ status: 200, text: 'success' });
  });

  it('is healthy and ready', async () => {
    expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${svc.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready' });
  });
});

describe('webhook: safe and compatible modes', () => {
  let svc: Service;
  let token: string;
  beforeAll(async () => {
    svc = await startTestService({ WECHAT_ENCODING_AES_KEY: AES_KEY, WECHAT_ENCODING_AES_KEY_PREVIOUS: OLD_KEY }, { handler: echo, db: 'postgres' });
    token = svc.config.wechat.token;
  });
  afterAll(() => svc.stop());

  const decryptReply = (text: string, key = AES_KEY) => {
    const env = parseWechatXml(text);
    const crypto = new WechatCrypto({ token, appId: APP_ID, aesKeys: [key] });
    expect(crypto.msgSignature(String(env.TimeStamp), String(env.Nonce), String(env.Encrypt))).toBe(env.MsgSignature);
    return parseWechatXml(crypto.decrypt(String(env.Encrypt)).xml);
  };

  it('decrypts a safe-mode message and encrypts the reply', async () => {
    const res = await post(svc.url, signedPost(textXml('oSafe', '安全模式'), { token, aes: { key: AES_KEY, appId: APP_ID } }));
    expect(res.status).toBe(200);
    expect(decryptReply(res.text)).toMatchObject({ MsgType: 'text', Content: '收到：安全模式', ToUserName: 'oSafe' });
  });

  it('handles compatible mode (plain fields and Encrypt) with an encrypted reply', async () => {
    const res = await post(svc.url, signedPost(textXml('oCompat', '兼容'), { token, aes: { key: AES_KEY, appId: APP_ID, mode: 'compatible' } }));
    expect(decryptReply(res.text)).toMatchObject({ Content: '收到：兼容' });
  });

  it('accepts the previous key during a rotation and replies with it', async () => {
    const res = await post(svc.url, signedPost(textXml('oOld', '旧密钥'), { token, aes: { key: OLD_KEY, appId: APP_ID } }));
    expect(res.status).toBe(200);
    expect(decryptReply(res.text, OLD_KEY)).toMatchObject({ Content: '收到：旧密钥' });
  });

  it('replies in plaintext to a plaintext request', async () => {
    const res = await post(svc.url, signedPost(textXml('oPlain', '明文'), { token }));
    expect(parseWechatXml(res.text)).toMatchObject({ Content: '收到：明文' });
  });

  it('refuses another AppID, a bad msg_signature and an undecryptable body', async () => {
    const other = await post(svc.url, signedPost(textXml('oEvil', 'x'), { token, aes: { key: AES_KEY, appId: 'wx1111111111111111' } }));
    expect(other.status).toBe(401);
    const req = signedPost(textXml('oEvil', 'x'), { token, aes: { key: AES_KEY, appId: APP_ID } });
    const tampered = { ...req, path: req.path.replace(/msg_signature=[0-9a-f]+/, 'msg_signature=' + 'a'.repeat(40)) };
    expect((await post(svc.url, tampered)).status).toBe(401);
    const garbage = 'A'.repeat(64);
    const timestamp = '1700000000';
    const nonce = '42';
    const crypto = new WechatCrypto({ token, appId: APP_ID, aesKeys: [AES_KEY] });
    const q = new URLSearchParams({ signature: sha1Signature(token, timestamp, nonce), timestamp, nonce, encrypt_type: 'aes', msg_signature: crypto.msgSignature(timestamp, nonce, garbage) });
    const bad = await post(svc.url, { path: `/wechat?${q}`, body: `<xml><ToUserName>${OFFICIAL_ID}</ToUserName><Encrypt>${garbage}</Encrypt></xml>` });
    expect(bad.status).toBe(401);
  });
});

describe('webhook: encryption required', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startTestService({ WECHAT_ENCODING_AES_KEY: AES_KEY, WECHAT_REQUIRE_ENCRYPTION: 'true' }, { handler: echo, db: 'postgres' });
  });
  afterAll(() => svc.stop());

  it('refuses plaintext when encryption is required', async () => {
    const res = await post(svc.url, signedPost(textXml('oP', 'x'), { token: svc.config.wechat.token }));
    expect(res.status).toBe(401);
  });
});
