import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { startFakeWechatServer, type FakeWechatServer } from '../../src/simulator/fake-api/server.js';
import { WechatCrypto } from '../../src/wechat/crypto.js';
import { sha1Signature } from '../../src/wechat/signature.js';
import { startTestService } from '../helpers/service.js';
import { KeepAliveClient, type RawResponse } from './http-client.js';

/**
 * Abuse of POST /wechat on one running service (embedded stores, the real bot): at least 10,000
 * random and mutated bodies and query strings, and the classic attacks. Whatever arrives, the
 * answer is one of the documented ones — 200 with XML or `success`, 400, 401, 405, 413 — never a
 * 5xx, and the process keeps serving.
 */
const TOKEN = 'abuseToken2024';
const APP_ID = 'wx00112233445566aa';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OTHER_APP = 'wx99887766554433ff';
const GH = 'gh_0123456789ab';
const BODY_LIMIT = 16 * 1024;
const DOCUMENTED = new Set([200, 400, 401, 405, 413]);
/** residents of the random messages: few, so the bot's rate limit takes most of them cheaply */
const OPENIDS = Array.from({ length: 12 }, (_, i) => `oAbuse${String(i).padStart(22, '0')}`);

const crypto = new WechatCrypto({ token: TOKEN, appId: APP_ID, aesKeys: [AES_KEY] });
const otherApp = new WechatCrypto({ token: TOKEN, appId: OTHER_APP, aesKeys: [AES_KEY] });
const cdata = (s: string) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

let svc: Service;
let fake: FakeWechatServer;
let client: KeepAliveClient;
const tally = new Map<number, number>();

function signedQuery(opts: { openid?: string; encrypt?: string; timestamp?: string; nonce?: string } = {}): string {
  const timestamp = opts.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? String(randomBytes(4).readUInt32BE());
  const q = new URLSearchParams({ signature: sha1Signature(TOKEN, timestamp, nonce), timestamp, nonce });
  if (opts.openid) q.set('openid', opts.openid);
  if (opts.encrypt !== undefined) {
    q.set('encrypt_type', 'aes');
    q.set('msg_signature', crypto.msgSignature(timestamp, nonce, opts.encrypt));
  }
  return `/wechat?${q}`;
}

function safeEnvelope(encrypt: string): string {
  return `<xml><ToUserName>${cdata(GH)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
}

/** the answer is documented: a listed status, and a 200 is XML, `success` or the echoed echostr */
function documented(res: RawResponse, echostr?: string): boolean {
  tally.set(res.status, (tally.get(res.status) ?? 0) + 1);
  if (!DOCUMENTED.has(res.status)) return false;
  if (res.status !== 200) return true;
  const text = res.body.toString('utf8');
  if (echostr !== undefined) return text === echostr;
  return text === 'success' || text === '' || (text.startsWith('<xml>') && text.endsWith('</xml>'));
}

// ------------------------------------------------------------------ generators

const contentArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('报修', '查询 1', '查询 99999999999999999999', '帮助', '我的', '取消', '人工', '1', '跳过', '订阅 3', '公示', '统计', ']]>', '<![CDATA[x]]>', '<!DOCTYPE html>', '&lol;', '\u0000', '💡'.repeat(700)),
);
const GOOD = { weight: 5 } as const;
/**
 * KNOWN BUG (see the 'known bugs' describe at the end): a CreateTime beyond 2^53 answers 500.
 * A CreateTime beyond unix seconds used to be a 500 (fixed in src/wechat/inbound.ts); it stays in the input.
 */
const KNOWN_BUG_CREATE_TIMES = ['99999999999999999999'];
const createTimeArb = fc.oneof({ ...GOOD, arbitrary: fc.integer({ min: 0, max: 2 ** 31 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom('', '-1', '1e9', '9999999999', 'abc', ...KNOWN_BUG_CREATE_TIMES) });
const msgIdArb = fc.oneof({ ...GOOD, arbitrary: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String) }, { weight: 1, arbitrary: fc.constantFrom('', '007', '-5', '1.5', 'x') });
const latArb = fc.oneof({ ...GOOD, arbitrary: fc.double({ min: -90, max: 90, noNaN: true }).map((x) => x.toFixed(6)) }, { weight: 1, arbitrary: fc.constantFrom('', 'north', 'NaN', '1e400') });
/** what a well-formed message carries: the rest must still get a documented answer, but any of them */
const clean = (m: { createTime: string; msgId: string; lat: string; content: string; kind: string }) =>
  /^\d{1,10}$/.test(m.createTime) &&
  /^\d{1,20}$/.test(m.msgId) &&
  /^-?\d+\.\d+$/.test(m.lat) &&
  m.kind !== 'weird' &&
  m.kind !== 'TEMPLATESENDJOBFINISH' &&
  // XML 1.0 allows no C0 controls other than tab, CR, LF (nor U+FFFE/FFFF, lone surrogates)
  !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(m.content);

/** a message as WeChat might (or might not quite) send it */
const messageArb = fc
  .record({
    openid: fc.constantFrom(...OPENIDS),
    kind: fc.constantFrom('text', 'image', 'voice', 'location', 'link', 'video', 'subscribe', 'unsubscribe', 'CLICK', 'VIEW', 'SCAN', 'LOCATION', 'location_select', 'pic_weixin', 'TEMPLATESENDJOBFINISH', 'weird'),
    content: contentArb,
    createTime: createTimeArb,
    msgId: msgIdArb,
    lat: latArb,
    key: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('qrscene_community_pingshan', 'community_daxin', 'REPORT', 'MY_CASES')),
  })
  .map((m) => {
    const head = `<ToUserName>${cdata(GH)}</ToUserName><FromUserName>${cdata(m.openid)}</FromUserName><CreateTime>${m.createTime}</CreateTime>`;
    const ev = (e: string, extra = '') => `<MsgType>${cdata('event')}</MsgType><Event>${cdata(e)}</Event><EventKey>${cdata(m.key)}</EventKey>${extra}`;
    let body: string;
    switch (m.kind) {
      case 'text':
        body = `<MsgType>${cdata('text')}</MsgType><Content>${cdata(m.content)}</Content><MsgId>${m.msgId}</MsgId>`;
        break;
      case 'image':
        body = `<MsgType>${cdata('image')}</MsgType><PicUrl>${cdata('http://mmbiz.qpic.cn/x')}</PicUrl><MediaId>${cdata(m.key)}</MediaId><MsgId>${m.msgId}</MsgId>`;
        break;
      case 'voice':
        body = `<MsgType>${cdata('voice')}</MsgType><MediaId>${cdata(m.key)}</MediaId><Format>amr</Format><Recognition>${cdata(m.content)}</Recognition><MsgId>${m.msgId}</MsgId>`;
        break;
      case 'location':
        body = `<MsgType>${cdata('location')}</MsgType><Location_X>${m.lat}</Location_X><Location_Y>${m.lat}</Location_Y><Scale>15</Scale><Label>${cdata(m.content)}</Label><MsgId>${m.msgId}</MsgId>`;
        break;
      case 'link':
      case 'video':
        body = `<MsgType>${cdata(m.kind)}</MsgType><Title>${cdata(m.content)}</Title><MediaId>${cdata(m.key)}</MediaId><Url>x</Url><MsgId>${m.msgId}</MsgId>`;
        break;
      case 'location_select':
        body = ev('location_select', `<SendLocationInfo><Location_X>${m.lat}</Location_X><Location_Y>${m.lat}</Location_Y><Scale>15</Scale><Label>${cdata(m.content)}</Label><Poiname>${cdata(m.content)}</Poiname></SendLocationInfo>`);
        break;
      case 'pic_weixin':
        body = ev('pic_weixin', `<SendPicsInfo><Count>1</Count><PicList><item><PicMd5Sum>${cdata(m.key)}</PicMd5Sum></item></PicList></SendPicsInfo>`);
        break;
      case 'TEMPLATESENDJOBFINISH':
        body = ev('TEMPLATESENDJOBFINISH', `<MsgID>${m.msgId}</MsgID><Status>${cdata(m.content)}</Status>`);
        break;
      case 'LOCATION':
        body = ev('LOCATION', `<Latitude>${m.lat}</Latitude><Longitude>${m.lat}</Longitude><Precision>10</Precision>`);
        break;
      case 'weird':
        body = `<MsgType>${cdata(m.content)}</MsgType><MsgId>${m.msgId}</MsgId>`;
        break;
      default:
        body = ev(m.kind);
    }
    return { openid: m.openid, xml: `<xml>${head}${body}</xml>`, clean: clean(m) };
  });

type Mutation = (s: string) => string;
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((k) => (s: string) => s.slice(0, k % (s.length + 1))),
  fc.tuple(fc.nat(), fc.string({ unit: 'binary', maxLength: 20 })).map(([k, ins]) => (s: string) => s.slice(0, k % (s.length + 1)) + ins + s.slice(k % (s.length + 1))),
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([k, n]) => (s: string) => s.slice(0, k % (s.length + 1)) + s.slice((k % (s.length + 1)) + n)),
  fc.constantFrom<Mutation>(
    (s) => s.replaceAll('<![CDATA[', '').replaceAll(']]>', ''),
    (s) => s.replace('<xml>', '<xml><xml>'),
    (s) => s.replace('</xml>', ''),
    (s) => s + s,
    (s) => s.replace('<xml>', '<notxml>').replace('</xml>', '</notxml>'),
    (s) => `\uFEFF  ${s}  `,
    (s) => `<?xml version="1.0" encoding="GBK"?>${s}`,
    (s) => `<!DOCTYPE xml [<!ENTITY a "${'A'.repeat(50)}">]>${s.replace('<Content>', '<Content>&a;')}`,
    (s) => s.replace(/<(\w+)>/, '<$1 a="1" b=\'2\'>'),
    (s) => s.replace(/<MsgType>[^/]*\/MsgType>/, ''),
    (s) => s.replace(/<FromUserName>.*?<\/FromUserName>/, '<FromUserName><__proto__>x</__proto__></FromUserName>'),
    (s) => s.replaceAll('<', '&lt;'),
    (s) => JSON.stringify(Object.fromEntries([...s.matchAll(/<(\w+)>(?:<!\[CDATA\[)?([^<\]]*)/g)].map((m) => [m[1], m[2]]))),
    (s) => `{"ToUserName": ${s.length}, "MsgType": "text", "FromUserName": {"__proto__": 1}}`,
    (s) => '<xml>' + '<a>'.repeat(300) + '</a>'.repeat(300) + s.slice(5),
    () => '',
    () => '<xml></xml>',
    () => '<xml/>',
  ),
);

const headersArb = fc.constantFrom<Record<string, string>>(
  { 'content-type': 'text/xml' },
  { 'content-type': 'application/xml; charset=utf-8' },
  { 'content-type': 'application/json' },
  { 'content-type': 'multipart/form-data; boundary=x' },
  {},
  { 'content-type': 'text/xml', 'content-encoding': 'gzip' },
  { 'content-type': 'text/xml', 'x-request-id': '../../etc/passwd' },
);

/** a query string that is signed, half signed, mangled or random */
const queryArb = (openid: string, encrypt?: string): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(signedQuery({ openid, ...(encrypt !== undefined ? { encrypt } : {}) })) },
    { weight: 1, arbitrary: fc.constant(signedQuery({})) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom('signature', 'timestamp', 'nonce', 'openid', 'encrypt_type', 'msg_signature', 'echostr'), fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom('', 'aes', 'raw', '0'.repeat(40), '9'.repeat(13))), fc.nat(3))
        .map(([k, v, op]) => {
          const q = new URLSearchParams(signedQuery({ openid, ...(encrypt !== undefined ? { encrypt } : {}) }).slice('/wechat?'.length));
          if (op === 0) q.delete(k);
          else if (op === 1) q.set(k, v);
          else q.append(k, v); // a repeated parameter becomes an array in ctx.query
          return `/wechat?${q}`;
        }),
    },
    {
      weight: 1,
      arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), { maxKeys: 6 }).map((d) => `/wechat?${new URLSearchParams(d)}`),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 120 }).map((s) => `/wechat?${encodeURI(s)}`) },
  );

interface Attempt {
  method: string;
  path: string;
  body?: Buffer;
  headers: Record<string, string>;
  /** the one status this request must get, when it is certain */
  expect?: number;
  echostr?: string;
}

const attemptArb: fc.Arbitrary<Attempt> = fc.oneof(
  // signed, plaintext: 200 whenever the message is well formed
  {
    weight: 2,
    arbitrary: messageArb.map((m): Attempt => ({ method: 'POST', path: signedQuery({ openid: m.openid }), body: Buffer.from(m.xml), headers: { 'content-type': 'text/xml' }, ...(m.clean ? { expect: 200 } : {}) })),
  },
  // signed and encrypted (safe mode): 200 whenever the message is well formed
  {
    weight: 1,
    arbitrary: messageArb.map((m): Attempt => {
      const enc = crypto.encrypt(m.xml);
      return { method: 'POST', path: signedQuery({ openid: m.openid, encrypt: enc }), body: Buffer.from(safeEnvelope(enc)), headers: { 'content-type': 'text/xml' }, ...(m.clean ? { expect: 200 } : {}) };
    }),
  },
  // mutated bodies under any query
  {
    weight: 4,
    arbitrary: fc
      .tuple(messageArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), headersArb, fc.boolean())
      .chain(([m, muts, headers, safe]) => {
        let body = m.xml;
        for (const mut of muts) body = mut(body);
        let encrypt: string | undefined;
        if (safe) {
          encrypt = crypto.encrypt(body);
          body = safeEnvelope(encrypt);
        }
        return queryArb(m.openid, encrypt).map((path): Attempt => ({ method: 'POST', path, body: Buffer.from(body), headers }));
      }),
  },
  // byte-level damage: invalid UTF-8, NUL, lone surrogates once decoded
  {
    weight: 1,
    arbitrary: fc.tuple(messageArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })).map(([m, flips]): Attempt => {
      const buf = Buffer.from(m.xml);
      for (const [i, b] of flips) buf[i % buf.length] = b;
      return { method: 'POST', path: signedQuery({ openid: m.openid }), body: buf, headers: { 'content-type': 'text/xml' } };
    }),
  },
  // ciphertext damage: Encrypt changed under the original msg_signature (a replayed signature) → 401
  {
    weight: 1,
    arbitrary: fc.tuple(messageArb, fc.nat(), fc.constantFrom('A', 'B', '/', '+', '=')).map(([m, k, ch]): Attempt => {
      const enc = crypto.encrypt(m.xml);
      const i = k % enc.length;
      const bad = enc.slice(0, i) + (enc[i] === ch ? 'C' : ch) + enc.slice(i + 1);
      return { method: 'POST', path: signedQuery({ openid: m.openid, encrypt: enc }), body: Buffer.from(safeEnvelope(bad)), headers: { 'content-type': 'text/xml' }, expect: 401 };
    }),
  },
  // other methods, GET handshakes good and bad
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'GET', 'GET', 'HEAD'), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 40 }), fc.boolean()).map(([method, echostr, good]): Attempt => {
      if (method !== 'GET') return { method, path: signedQuery({}), headers: {}, ...(method === 'HEAD' ? {} : { expect: 405 }) };
      const ts = '1714036504';
      const nonce = '1514711492';
      const q = new URLSearchParams({ signature: good ? sha1Signature(TOKEN, ts, nonce) : '0'.repeat(40), timestamp: ts, nonce, echostr });
      return { method, path: `/wechat?${q}`, headers: {}, expect: good ? 200 : 401, ...(good ? { echostr } : {}) };
    }),
  },
);

// ------------------------------------------------------------------ suite

describe('abuse: /wechat under random and hostile input', () => {
  beforeAll(async () => {
    fake = await startFakeWechatServer({ appId: APP_ID, appSecret: 'abuse-secret-0123456789' });
    svc = await startTestService({
      WECHAT_APP_ID: APP_ID,
      WECHAT_APP_SECRET: 'abuse-secret-0123456789',
      WECHAT_TOKEN: TOKEN,
      WECHAT_ENCODING_AES_KEY: AES_KEY,
      WECHAT_API_BASE: fake.url,
      WEBHOOK_BODY_LIMIT: String(BODY_LIMIT),
    });
    client = new KeepAliveClient(svc.url, 8);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await svc?.stop();
    await fake?.close();
    const counts = [...tally].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}: ${n}`);
    console.log(`abuse: ${client?.count ?? 0} requests; answers ${counts.join(', ')}; 5xx ${[...tally].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0)}`);
  });

  it('answers 10,000 random and mutated requests with documented statuses only', async () => {
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(attemptArb, { minLength: 10, maxLength: 10 }), async (batch) => {
        const answers = await Promise.all(batch.map((a) => client.request(a.method, a.path, a.body, a.headers)));
        answers.forEach((res, i) => {
          const a = batch[i]!;
          const ok = documented(res, a.echostr) && (a.expect === undefined || res.status === a.expect);
          if (!ok && failures.length < 5) {
            failures.push(`${a.method} ${a.path.slice(0, 160)} body=${JSON.stringify(a.body?.toString('utf8').slice(0, 300))} → ${res.status} ${res.body.toString('utf8').slice(0, 200)}`);
          }
          expect(ok, failures.at(-1)).toBe(true);
        });
      }),
      { numRuns: 1000, endOnFailure: true },
    );
    expect(client.count).toBeGreaterThanOrEqual(10_000);
    expect((await client.request('GET', '/healthz')).status).toBe(200);
  }, 180_000);

  it('refuses oversized bodies with 413, declared or streamed', async () => {
    const big = Buffer.alloc(BODY_LIMIT + 1, 'a');
    const q = signedQuery({ openid: OPENIDS[0] });
    expect((await client.request('POST', q, big, { 'content-type': 'text/xml' })).status).toBe(413);
    // streamed (chunked, no Content-Length) on its own connection: see the known bug below about
    // the keep-alive connection it leaves behind
    const own = new KeepAliveClient(svc.url, 1);
    try {
      const streamed = await own.request('POST', q, Buffer.alloc(BODY_LIMIT * 4, 'b'), { 'content-type': 'text/xml' }, { chunked: true, timeoutMs: 10_000 }).catch((e: Error) => e);
      // the server may answer before the whole stream is sent; a reset after the 413 is acceptable
      if (!(streamed instanceof Error)) expect(streamed.status).toBe(413);
      else expect(streamed.message).toMatch(/ECONNRESET|EPIPE|socket hang up/);
    } finally {
      own.close();
    }
    // exactly the limit: read, parsed, refused as XML
    expect((await client.request('POST', q, Buffer.alloc(BODY_LIMIT, '<'), { 'content-type': 'text/xml' })).status).toBe(400);
    expect((await client.request('GET', '/healthz')).status).toBe(200);
  });

  it('refuses XML bombs, DOCTYPE and external entities with 400, quickly', async () => {
    const lol = ['<!DOCTYPE lolz [', '<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1 || ''};`.repeat(10)}">`);
    lol.push(']>');
    const bombs = [
      `<?xml version="1.0"?>${lol.join('')}<xml><ToUserName>${cdata(GH)}</ToUserName><FromUserName>x</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&lol9;</Content><MsgId>1</MsgId></xml>`,
      '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><Content>&xxe;</Content></xml>',
      '<!DOCTYPE xml [<!ENTITY % p SYSTEM "http://127.0.0.1:1/evil.dtd"> %p;]><xml/>',
      '<!-- x --><!DOCTYPE xml><xml/>',
      '<xml><!ENTITY a "b"></xml>',
      `<xml><ToUserName>${cdata(GH)}</ToUserName>${'<a>'.repeat(3000)}</xml>`,
    ];
    for (const body of bombs) {
      const t = performance.now();
      const res = await client.request('POST', signedQuery({ openid: 'x' }), body, { 'content-type': 'text/xml' });
      expect(res.status, body.slice(0, 60)).toBe(400);
      expect(performance.now() - t).toBeLessThan(2000);
      // encrypted: the bomb inside the ciphertext is refused the same way
      const enc = crypto.encrypt(body);
      const safe = await client.request('POST', signedQuery({ encrypt: enc }), safeEnvelope(enc), { 'content-type': 'text/xml' });
      expect(safe.status).toBe(400);
    }
    // entity-like text inside CDATA is a resident's words, not a declaration
    const words = `<xml><ToUserName>${cdata(GH)}</ToUserName><FromUserName>${cdata(OPENIDS[1]!)}</FromUserName><CreateTime>1714036504</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata('<!DOCTYPE html> &lol9; <!ENTITY x "y">')}</Content><MsgId>${Date.now()}</MsgId></xml>`;
    expect((await client.request('POST', signedQuery({ openid: OPENIDS[1] }), words, { 'content-type': 'text/xml' })).status).toBe(200);
  });

  it('survives invalid UTF-8 in every field', async () => {
    const parts = [Buffer.from(`<xml><ToUserName>${cdata(GH)}</ToUserName><FromUserName><![CDATA[`), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[`), Buffer.from([0xed, 0xa0, 0x80, 0xc0, 0xaf, 0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from(`]]></Content><MsgId>1</MsgId></xml>`)];
    const res = await client.request('POST', signedQuery({}), Buffer.concat(parts), { 'content-type': 'text/xml' });
    expect([200, 400]).toContain(res.status);
    // inside the ciphertext: the decrypted message must be UTF-8
    const raw = Buffer.concat(parts).toString('latin1');
    const enc = crypto.encrypt(raw);
    const safe = await client.request('POST', signedQuery({ encrypt: enc }), safeEnvelope(enc), { 'content-type': 'text/xml' });
    expect([200, 400, 401]).toContain(safe.status);
  });

  it('refuses a message encrypted for another AppID with 401', async () => {
    const xml = `<xml><ToUserName>${cdata(GH)}</ToUserName><FromUserName>${cdata(OPENIDS[2]!)}</FromUserName><CreateTime>1714036504</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata('报修')}</Content><MsgId>${Date.now()}</MsgId></xml>`;
    const enc = otherApp.encrypt(xml);
    const res = await client.request('POST', signedQuery({ openid: OPENIDS[2], encrypt: enc }), safeEnvelope(enc), { 'content-type': 'text/xml' });
    expect(res.status).toBe(401);
  });

  it('refuses a replayed signature with a modified body in safe mode (401)', async () => {
    const xml = (content: string, msgId: number) =>
      `<xml><ToUserName>${cdata(GH)}</ToUserName><FromUserName>${cdata(OPENIDS[3]!)}</FromUserName><CreateTime>1714036504</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata(content)}</Content><MsgId>${msgId}</MsgId></xml>`;
    const enc = crypto.encrypt(xml('帮助', Date.now()));
    const path = signedQuery({ openid: OPENIDS[3], encrypt: enc });
    expect((await client.request('POST', path, safeEnvelope(enc), { 'content-type': 'text/xml' })).status).toBe(200);
    // the same query (signature, timestamp, nonce, msg_signature) with another ciphertext
    const forged = crypto.encrypt(xml('取消', Date.now() + 1));
    expect((await client.request('POST', path, safeEnvelope(forged), { 'content-type': 'text/xml' })).status).toBe(401);
    // compatible mode: plaintext fields changed beside the original Encrypt are ignored, the ciphertext wins
    const compat = xml('帮助', Date.now() + 2).replace('</xml>', `<Encrypt>${cdata(enc)}</Encrypt></xml>`).replace('帮助', '人工');
    const res = await client.request('POST', path, compat, { 'content-type': 'text/xml' });
    expect([200, 401]).toContain(res.status);
  });
});

/** Bugs this suite found, now fixed: each test is the fixed behaviour, kept as a regression test. */
describe('abuse: bugs found by this suite, fixed (kept as regression tests)', () => {
  let s: Service;
  let c: KeepAliveClient;
  beforeAll(async () => {
    s = await startTestService({ WECHAT_APP_ID: APP_ID, WECHAT_APP_SECRET: 'abuse-secret-0123456789', WECHAT_TOKEN: TOKEN, WECHAT_ENCODING_AES_KEY: AES_KEY, WEBHOOK_BODY_LIMIT: String(BODY_LIMIT) }, {
      handler: async () => [{ type: 'text', content: 'ok' }],
    });
    c = new KeepAliveClient(s.url, 1);
  });
  afterAll(async () => {
    c?.close();
    await s?.stop();
  });

  it('a CreateTime beyond 2^53 is a 400 (or answered), never a 500', async () => {
    // src/wechat/inbound.ts `int` accepts any digit run and Number() rounds it; webhook.ts then
    // passes msg.createTime to renderReply, whose Number.isSafeInteger check throws a RangeError
    const xml = `<xml><ToUserName>${cdata(GH)}</ToUserName><FromUserName>${cdata('oBug1')}</FromUserName><CreateTime>99999999999999999999</CreateTime><MsgType>${cdata('text')}</MsgType><Content>${cdata('hi')}</Content><MsgId>1</MsgId></xml>`;
    const res = await c.request('POST', signedQuery({ openid: 'oBug1' }), xml, { 'content-type': 'text/xml' });
    expect([200, 400]).toContain(res.status);
  });

  it('the keep-alive connection still serves after a streamed body over the limit', async () => {
    // src/http/raw-body.ts throws inside `for await (const chunk of req)`: leaving the loop destroys
    // the request stream, req.resume() then drains nothing, and the rest of the chunked body is never
    // read: the 413 goes out but the next request on that socket waits forever
    const q = signedQuery({});
    const first = await c.request('POST', q, Buffer.alloc(BODY_LIMIT * 4, 'b'), { 'content-type': 'text/xml' }, { chunked: true, timeoutMs: 5000 });
    expect(first.status).toBe(413);
    const next = await c.request('GET', '/healthz', undefined, {}, { timeoutMs: 5000 }).catch((e: Error) => e);
    // closing the connection after the 413 would also be correct: then the agent opens a new one
    expect(next instanceof Error ? next.message : next.status).toBe(200);
  });
});
