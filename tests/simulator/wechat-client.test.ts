import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WechatCrypto } from '../../src/wechat/crypto.js';
import { toInboundMessage } from '../../src/wechat/inbound.js';
import { verifySignature } from '../../src/wechat/signature.js';
import { cdata, parseWechatXml } from '../../src/wechat/xml.js';
import type { InboundKind } from '../../src/simulator/sim-message.js';
import { WechatClient } from '../../src/simulator/wechat-client.js';
import { LOCAL_ACCOUNT_ID } from '../../src/simulator/wechat-xml.js';

const token = 'simtoken123';
const appId = 'wx0000000000000000';
const aesKey = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
const openid = 'oSim_client_test';
const crypto = new WechatCrypto({ token, appId, aesKeys: [aesKey] });

interface Hit {
  query: URLSearchParams;
  body: string;
  res: ServerResponse;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

/** A webhook stand-in: `answer` decides per delivery (return undefined to leave it hanging). */
async function webhook(answer: (hit: Hit, n: number) => { status?: number; body: string } | undefined) {
  const hits: Hit[] = [];
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hit = { query: new URL(req.url ?? '/', 'http://x').searchParams, body: Buffer.concat(chunks).toString('utf8'), res };
      hits.push(hit);
      const a = answer(hit, hits.length);
      if (a) res.writeHead(a.status ?? 200, { 'content-type': 'application/xml' }).end(a.body);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/wechat`, hits };
}

const textReply = (content: string, to = openid) =>
  `<xml><ToUserName>${cdata(to)}</ToUserName><FromUserName>${cdata(LOCAL_ACCOUNT_ID)}</FromUserName><CreateTime>1714112445</CreateTime><MsgType><![CDATA[text]]></MsgType><Content>${cdata(content)}</Content></xml>`;

describe('WechatClient in plaintext mode', () => {
  it('signs the query, posts the XML and reads the text reply', async () => {
    const { url, hits } = await webhook(() => ({ body: textReply('您好！') }));
    const notes: [string, InboundKind][] = [];
    const client = new WechatClient({ webhookUrl: url, token, appId, noteInbound: (o, k) => notes.push([o, k]) });
    const r = await client.send(openid, { kind: 'text', content: '你好' });
    expect(r.reply).toEqual({ type: 'text', content: '您好！' });
    expect(r.deliveries).toBe(1);
    expect(r.problems).toEqual([]);
    const hit = hits[0]!;
    expect(Object.fromEntries(hit.query)).toMatchObject({ openid, timestamp: String(r.createTime) });
    expect(hit.query.get('encrypt_type')).toBeNull();
    expect(verifySignature(token, Object.fromEntries(hit.query))).toBe(true);
    expect(verifySignature('othertoken', Object.fromEntries(hit.query))).toBe(false);
    expect(hit.body).toBe(r.xml);
    expect(toInboundMessage(parseWechatXml(hit.body))).toMatchObject({ type: 'text', content: '你好', msgId: r.msgId, fromUser: openid });
    expect(notes).toEqual([[openid, 'message']]);
  });

  it('tells the fake API what each message does to the quota', async () => {
    const { url } = await webhook(() => ({ body: 'success' }));
    const notes: InboundKind[] = [];
    const client = new WechatClient({ webhookUrl: url, token, appId, noteInbound: (_o, k) => notes.push(k) });
    for (const r of [
      await client.send(openid, { kind: 'event', event: 'subscribe' }),
      await client.send(openid, { kind: 'event', event: 'SCAN', scene: 'community_x' }),
      await client.send(openid, { kind: 'event', event: 'CLICK', key: 'K' }),
      await client.send(openid, { kind: 'event', event: 'VIEW', url: 'https://example.org/' }),
    ]) {
      expect(r.reply).toEqual({ type: 'success' });
    }
    expect(notes).toEqual(['follow', 'scan', 'menu_click']);
  });

  it('reports an empty body, an HTTP error and a reply over 2048 bytes', async () => {
    const answers = [{ body: '' }, { status: 401, body: 'invalid signature' }, { body: textReply('长'.repeat(700)) }];
    const { url } = await webhook((_h, n) => answers[n - 1]);
    const client = new WechatClient({ webhookUrl: url, token, appId });
    expect((await client.send(openid, { kind: 'text', content: 'a' })).reply).toEqual({ type: 'empty' });
    const denied = await client.send(openid, { kind: 'text', content: 'b' });
    expect(denied).toMatchObject({ deliveries: 1, status: 401, reply: { type: 'failed', reason: 'HTTP 401: invalid signature' } });
    const long = await client.send(openid, { kind: 'text', content: 'c' });
    expect(long.reply).toMatchObject({ type: 'failed' });
    expect(long.problems.join()).toContain('2048');
  });
});

describe('WechatClient in safe mode', () => {
  it('encrypts the message, signs the ciphertext and opens the encrypted reply', async () => {
    const { url, hits } = await webhook((hit) => {
      const outer = parseWechatXml(hit.body);
      const plain = crypto.decrypt(String(outer.Encrypt)).xml;
      const msg = toInboundMessage(parseWechatXml(plain));
      const reply = textReply(`收到：${msg.type === 'text' ? msg.content : ''}`);
      return { body: crypto.encryptedReply(reply, { timestamp: '1714112446', nonce: 'abc123' }) };
    });
    const client = new WechatClient({ webhookUrl: url, token, appId, aesKey });
    expect(client.encryption).toBe('safe');
    const r = await client.send(openid, { kind: 'text', content: '路灯坏了' });
    expect(r.reply).toEqual({ type: 'text', content: '收到：路灯坏了' });
    expect(r.encrypted).toBe(true);
    const hit = hits[0]!;
    const q = Object.fromEntries(hit.query);
    expect(q.encrypt_type).toBe('aes');
    expect(verifySignature(token, q)).toBe(true);
    const outer = parseWechatXml(hit.body);
    expect(Object.keys(outer)).toEqual(['ToUserName', 'Encrypt']);
    expect(outer.ToUserName).toBe(LOCAL_ACCOUNT_ID);
    expect(crypto.verifyMsgSignature(q.msg_signature!, q.timestamp!, q.nonce!, String(outer.Encrypt))).toBe(true);
    expect(crypto.decrypt(String(outer.Encrypt)).xml).toBe(r.xml);
  });

  it('treats a plaintext reply to an encrypted message as a failure, but accepts "success"', async () => {
    const answers = [{ body: textReply('明文') }, { body: 'success' }];
    const { url } = await webhook((_h, n) => answers[n - 1]);
    const client = new WechatClient({ webhookUrl: url, token, appId, aesKey });
    expect((await client.send(openid, { kind: 'text', content: 'a' })).reply).toMatchObject({ type: 'failed' });
    expect((await client.send(openid, { kind: 'text', content: 'b' })).reply).toEqual({ type: 'success' });
  });

  it('compatible mode posts the plaintext fields and the ciphertext', async () => {
    const { url, hits } = await webhook(() => ({ body: 'success' }));
    const client = new WechatClient({ webhookUrl: url, token, appId, aesKey, encryption: 'compatible' });
    await client.send(openid, { kind: 'text', content: '兼容' });
    const outer = parseWechatXml(hits[0]!.body);
    expect(outer).toMatchObject({ Content: '兼容', MsgType: 'text' });
    expect(crypto.decrypt(String(outer.Encrypt)).xml).toContain('兼容');
  });
});

describe('WechatClient retries like WeChat', () => {
  it('delivers the same message again when no answer comes in time, 3 deliveries in all', async () => {
    const { url, hits } = await webhook((_h, n) => (n === 3 ? { body: textReply('终于') } : undefined));
    const notes: InboundKind[] = [];
    const client = new WechatClient({ webhookUrl: url, token, appId, timeoutMs: 150, noteInbound: (_o, k) => notes.push(k) });
    const r = await client.send(openid, { kind: 'text', content: '慢' });
    expect(r).toMatchObject({ deliveries: 3, reply: { type: 'text', content: '终于' } });
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => h.body)).size).toBe(1);
    expect(new Set(hits.map((h) => h.query.toString())).size).toBe(1);
    expect(notes).toEqual(['message']);
  });

  it('gives up after the third delivery: the resident sees the service-unavailable notice', async () => {
    const { url, hits } = await webhook(() => undefined);
    const client = new WechatClient({ webhookUrl: url, token, appId, timeoutMs: 100 });
    const r = await client.send(openid, { kind: 'event', event: 'CLICK', key: 'K' });
    expect(r).toMatchObject({ deliveries: 3, reply: { type: 'failed' } });
    expect(hits).toHaveLength(3);
  });
});
