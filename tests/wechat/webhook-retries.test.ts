import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';
import { parseWechatXml } from '../../src/wechat/xml.js';
import { createPostgresDatabaseUrl } from '../helpers/db.js';
import { TEST_REDIS_URL } from '../helpers/servers.js';
import { startTestService } from '../helpers/service.js';
import { post, signedPost, textXml } from '../helpers/wechat.js';

/** A bot whose effect is counted and which takes a moment, so WeChat's repeats overlap it. */
function countingBot(delayMs = 50) {
  const effects: string[] = [];
  const handler: MessageHandler = async (msg) => {
    if (msg.type !== 'text') return [];
    effects.push(msg.content);
    await new Promise((r) => setTimeout(r, delayMs));
    return [{ type: 'text', content: `第${effects.length}件：${msg.content}` }];
  };
  return { effects, handler };
}

describe('webhook: repeat deliveries on one instance', () => {
  const bot = countingBot();
  let svc: Service;
  beforeAll(async () => {
    svc = await startTestService({}, { handler: bot.handler, db: 'postgres' });
  });
  afterAll(() => svc.stop());

  it('three concurrent deliveries of one message: one effect, three identical replies', async () => {
    const req = signedPost(textXml('oRetry', '路灯坏了'), { token: svc.config.wechat.token });
    const replies = await Promise.all([post(svc.url, req), post(svc.url, req), post(svc.url, req)]);
    expect(bot.effects).toEqual(['路灯坏了']);
    const contents = replies.map((r) => parseWechatXml(r.text).Content);
    expect(new Set(contents)).toEqual(new Set(['第1件：路灯坏了']));
    const later = await post(svc.url, req);
    expect(parseWechatXml(later.text).Content).toBe('第1件：路灯坏了');
    expect(bot.effects).toHaveLength(1);
  });

  it('splits a reply over 2048 bytes: the first part is passive, the rest goes through the API', async () => {
    const long = '这是一段很长的回复。'.repeat(300);
    const svc2 = await startTestService({}, { handler: async () => [{ type: 'text', content: long }], db: 'postgres' });
    try {
      const res = await post(svc2.url, signedPost(textXml('oLong', '长'), { token: svc2.config.wechat.token }));
      const content = String(parseWechatXml(res.text).Content);
      expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(2048);
      expect(long.startsWith(content)).toBe(true);
    } finally {
      await svc2.stop();
    }
  });

  it('answers "system busy" when the bot cannot reach its stores, and retries work afterwards', async () => {
    let down = true;
    const svc3 = await startTestService({}, {
      db: 'postgres',
      handler: async () => {
        if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        return [{ type: 'text', content: '已恢复' }];
      },
    });
    try {
      const req = signedPost(textXml('oDown', '报修'), { token: svc3.config.wechat.token });
      const busy = await post(svc3.url, req);
      expect(busy.status).toBe(200);
      expect(String(parseWechatXml(busy.text).Content)).toContain('系统繁忙');
      down = false;
      const retry = await post(svc3.url, req);
      expect(parseWechatXml(retry.text).Content).toBe('已恢复');
    } finally {
      await svc3.stop();
    }
  });
});

describe('webhook: repeat deliveries across two instances sharing Redis and PostgreSQL', () => {
  const bot = countingBot(80);
  let a: Service;
  let b: Service;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await createPostgresDatabaseUrl();
    drop = db.drop;
    const prefix = `t:${randomBytes(4).toString('hex')}:`;
    const env = { REDIS_URL: TEST_REDIS_URL, DATABASE_URL: db.url, WECHAT_TOKEN: 'sharedToken2026' };
    a = await startTestService(env, { handler: bot.handler, storePrefix: prefix });
    b = await startTestService(env, { handler: bot.handler, storePrefix: prefix });
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
    await drop();
  });

  it('runs the effect once and answers every delivery identically', async () => {
    const req = signedPost(textXml('oTwo', '井盖没了'), { token: 'sharedToken2026' });
    const replies = await Promise.all([post(a.url, req), post(b.url, req), post(b.url, req)]);
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(bot.effects.filter((e) => e === '井盖没了')).toHaveLength(1);
    expect(new Set(replies.map((r) => parseWechatXml(r.text).Content)).size).toBe(1);
  });
});

describe('webhook: empty answers', () => {
  it('answers success when the bot has nothing (or only empty text) to say', async () => {
    const svc = await startTestService({}, { handler: async () => [{ type: 'text', content: '  ' }], db: 'postgres' });
    try {
      const res = await post(svc.url, signedPost(textXml('oQuiet', '嗯'), { token: svc.config.wechat.token }));
      expect(res).toEqual({ status: 200, text: 'success' });
    } finally {
      await svc.stop();
    }
  });
});
