/**
 * Baselines C and D: the minimal webhook. Koa + sha1 signature check + fast-xml-parser + a
 * template-literal text reply (C); with REDIS_URL set, also one GET of a ~300 B JSON state keyed
 * by openid, JSON.parse/modify/stringify, and one SET … EX 86400 (D: two sequential round trips).
 */
import { XMLParser } from 'fast-xml-parser';
import { Redis } from 'ioredis';
import Koa from 'koa';
import { HOST, PORT, readBody, ready, sign, textReply, TOKEN } from './common.js';

const parser = new XMLParser({ parseTagValue: false }); // keeps the 64-bit MsgId a string
const redis = process.env.REDIS_URL ? new Redis(process.env.REDIS_URL) : undefined;

interface State {
  openid: string;
  appid: string;
  step: string;
  turn: number;
  lang: string;
  tags: string[];
  cart: { sku: string; qty: number }[];
  lastMsgId: string;
  lastContent: string;
  createdAt: number;
  updatedAt: number;
}
const newState = (openid: string): State => ({
  openid,
  appid: 'wx0123456789abcdef',
  step: 'menu',
  turn: 0,
  lang: 'zh_CN',
  tags: ['vip', 'beta'],
  cart: [{ sku: 'SKU-000001', qty: 1 }],
  lastMsgId: '',
  lastContent: '',
  createdAt: Date.now(),
  updatedAt: 0,
});

const app = new Koa();
app.use(async (ctx) => {
  if (ctx.method !== 'POST') {
    ctx.status = 405;
    return;
  }
  const { signature, timestamp, nonce } = ctx.query as Record<string, string | undefined>;
  if (!signature || signature !== sign(TOKEN, String(timestamp), String(nonce))) {
    ctx.status = 401;
    ctx.body = 'Invalid signature';
    return;
  }
  const msg = (parser.parse(await readBody(ctx.req)) as { xml: Record<string, string> }).xml;
  if (redis) {
    const key = 'wx:state:' + msg.FromUserName;
    const raw = await redis.get(key);
    const st = raw ? (JSON.parse(raw) as State) : newState(String(msg.FromUserName));
    st.turn++;
    st.lastMsgId = String(msg.MsgId);
    st.lastContent = String(msg.Content ?? '').slice(0, 32);
    st.updatedAt = Date.now();
    await redis.set(key, JSON.stringify(st), 'EX', 86400);
  }
  ctx.type = 'application/xml';
  ctx.body = textReply(msg.FromUserName, msg.ToUserName, msg.Content ?? msg.MsgType);
});
const server = app.listen(PORT, HOST, () => ready(server));
if (redis) redis.ping().catch((e: unknown) => { console.error(e); process.exit(1); });
