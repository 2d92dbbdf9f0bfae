import { asc, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.js';
import { messages } from '../../src/db/schema.js';
import { createLogger } from '../../src/log.js';
import { diskMediaStore } from '../../src/media/disk-media-store.js';
import { createRuntime } from '../../src/runtime/create-runtime.js';
import { startTranscriptDrain } from '../../src/runtime/transcript-drain.js';
import { insertLines, turnLines } from '../../src/runtime/transcript-lines.js';
import { keys } from '../../src/state/keys.js';
import type { StateStore } from '../../src/state/store.js';
import type { InboundMessage } from '../../src/wechat/inbound.js';
import { text } from '../../src/wechat/outbound.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';
import { openTestDatabase, type DbKind } from '../helpers/db.js';
import { openTestStore, type StoreKind } from '../helpers/stores.js';

const silent = createLogger('silent');

/**
 * The transcript written behind (issue 18): a turn the bot answers alone queues its lines in the
 * state store with its final batch; a drainer moves them to PostgreSQL in batches, in the order
 * the turns committed, each line once whatever dies in between.
 */
describe.each([
  ['postgres', 'redis'],
  ['pglite', 'memory'],
] as [DbKind, StoreKind][])('the transcript written behind (%s, %s)', (dbKind, storeKind) => {
  let db: Db;
  let close: () => Promise<void>;
  let store: StateStore;
  let handler: MessageHandler;
  let seq = 0;

  beforeAll(async () => {
    const database = await openTestDatabase(dbKind);
    db = database.db;
    close = () => database.close();
    store = openTestStore(storeKind);
    const runtime = await createRuntime({ db, store, logger: silent, api: () => undefined, media: diskMediaStore('/tmp'), publicUrl: () => 'http://localhost' });
    handler = runtime.handler;
  }, 120_000);
  afterAll(async () => {
    await store.close();
    await close();
  });

  const say = async (openid: string, content: string) => {
    const msg = { type: 'text', fromUser: openid, toUser: 'gh_test', createTime: 1_700_000_000, msgId: String(++seq), content } as InboundMessage;
    return handler(msg, { dedupeKey: `tb:${seq}` });
  };
  const lines = (openid: string) =>
    db.select({ direction: messages.direction, sender: messages.sender, body: messages.body }).from(messages).where(eq(messages.openid, openid)).orderBy(asc(messages.at), asc(messages.id));
  const queued = () => store.lrange(keys.transcriptQueue, 0, -1);

  it("a flow's steps reach the table when drained: in order, each once", async () => {
    const drain = startTranscriptDrain({ db, store, logger: silent, everyMs: 3_600_000 });
    const openid = `oBehind-${storeKind}`;
    await say(openid, '报修');
    // the first message read the resident from PostgreSQL and wrote its lines there
    expect((await lines(openid)).map((l) => l.body)).toEqual(['报修', expect.stringContaining('哪一类问题')]);
    await say(openid, '1');
    await say(openid, '3栋门口的路灯晚上不亮');
    // answered without PostgreSQL: the lines wait in the queue
    expect(await lines(openid)).toHaveLength(2);
    expect((await queued()).length).toBe(4);
    expect(await drain.drain()).toBe(4);
    const after = await lines(openid);
    expect(after.map((l) => [l.direction, l.sender])).toEqual([
      ['in', 'resident'],
      ['out', 'bot'],
      ['in', 'resident'],
      ['out', 'bot'],
      ['in', 'resident'],
      ['out', 'bot'],
    ]);
    expect(after[2]!.body).toBe('1');
    expect(after[3]!.body).toContain('描述');
    expect(after[4]!.body).toBe('3栋门口的路灯晚上不亮');
    expect(await queued()).toEqual([]);
    expect(await drain.drain()).toBe(0);
    expect(await lines(openid)).toHaveLength(6);
    await drain.stop();
  });

  it('a drainer that died between its insert and its trim: the next one keeps each line once', async () => {
    const openid = `oDied-${storeKind}`;
    const at = new Date('2026-12-07T10:00:00Z');
    const batch = turnLines({ sourceKey: 'died:1', msg: { type: 'text', fromUser: openid, toUser: 'gh', createTime: 1, msgId: '1', content: '你好' } as InboundMessage, replies: [text('您好')], at });
    await store.apply([{ op: 'rpush', key: keys.transcriptQueue, values: batch.map((l) => JSON.stringify(l)) }]);
    // what the dead drainer did: the insert, not the trim
    expect(await insertLines(db, batch)).toBe(2);
    const drain = startTranscriptDrain({ db, store, logger: silent, everyMs: 3_600_000 });
    expect(await drain.drain()).toBe(2);
    expect((await lines(openid)).map((l) => l.body)).toEqual(['你好', '您好']);
    await drain.stop();
  });

  it('a line the database refuses (a lone surrogate: jsonb will not take it) is skipped and logged; the lines around it reach the table', async () => {
    const openid = `oRefused-${storeKind}`;
    const at = new Date('2026-12-07T11:00:00Z');
    const turn = (n: number, content: string) =>
      turnLines({ sourceKey: `ref:${n}`, msg: { type: 'text', fromUser: openid, toUser: 'gh', createTime: n, msgId: String(n), content } as InboundMessage, replies: [text(`第${n}句收到`)], at: new Date(at.getTime() + n) });
    // the webhook makes such text well formed (xml.ts); a line queued by anything else must still not stop the queue
    const batch = [...turn(1, '你好'), ...turn(2, 'a\ud800b'), ...turn(3, '再见')];
    await store.apply([{ op: 'rpush', key: keys.transcriptQueue, values: batch.map((l) => JSON.stringify(l)) }]);
    const logged: string[] = [];
    const logger = { ...silent, error: (_o: unknown, msg: string) => void logged.push(msg) } as unknown as typeof silent;
    const drain = startTranscriptDrain({ db, store, logger, everyMs: 3_600_000 });
    expect(await drain.drain()).toBe(6);
    expect((await lines(openid)).map((l) => l.body)).toEqual(['你好', '第1句收到', '第2句收到', '再见', '第3句收到']);
    expect(logged).toEqual(['transcript line the database refuses skipped']);
    expect(await queued()).toEqual([]);
    await drain.stop();
  });

  it('two drainers at once (two instances): every line once, each resident in order', async () => {
    const openids = ['oTwoA', 'oTwoB', 'oTwoC'].map((o) => `${o}-${storeKind}`);
    for (const o of openids) await say(o, '你好');
    const a = startTranscriptDrain({ db, store, logger: silent, everyMs: 3_600_000 });
    const b = startTranscriptDrain({ db, store, logger: silent, everyMs: 3_600_000 });
    for (let round = 0; round < 5; round++) {
      await Promise.all(openids.map((o) => say(o, `第${round}句`)));
      if (round % 2) await Promise.all([a.drain(), b.drain()]);
    }
    await a.stop();
    await b.stop();
    for (const o of openids) {
      const said = (await lines(o)).filter((l) => l.direction === 'in').map((l) => l.body);
      expect(said).toEqual(['你好', '第0句', '第1句', '第2句', '第3句', '第4句']);
    }
    const rows = await db.select({ key: messages.lineKey }).from(messages).where(like(messages.openid, 'oTwo%'));
    const withKeys = rows.map((r) => r.key).filter((k) => k !== null);
    expect(new Set(withKeys).size).toBe(withKeys.length);
    expect(await queued()).toEqual([]);
  });

  it('an unreadable line is skipped and the rest kept', async () => {
    const openid = `oBad-${storeKind}`;
    const good = turnLines({ sourceKey: 'bad:1', msg: { type: 'text', fromUser: openid, toUser: 'gh', createTime: 1, msgId: '2', content: '在吗' } as InboundMessage, replies: [], at: new Date() });
    await store.apply([{ op: 'rpush', key: keys.transcriptQueue, values: ['{not json', JSON.stringify({ k: 'x' }), JSON.stringify(good[0])] }]);
    const drain = startTranscriptDrain({ db, store, logger: silent, everyMs: 3_600_000 });
    expect(await drain.drain()).toBe(3);
    expect((await lines(openid)).map((l) => l.body)).toEqual(['在吗']);
    await drain.stop();
  });

  it('while PostgreSQL is away the lines wait in the queue, and go when it is back', async () => {
    const openid = `oAway-${storeKind}`;
    await say(openid, '你好');
    await say(openid, '帮助');
    const down = { execute: async () => Promise.reject(new Error('connection refused')) } as unknown as Db;
    const failing = startTranscriptDrain({ db: down, store, logger: silent, everyMs: 3_600_000 });
    await expect(failing.drain()).rejects.toThrow('connection refused');
    expect((await queued()).length).toBe(2);
    await failing.stop();
    const back = startTranscriptDrain({ db, store, logger: silent, everyMs: 3_600_000 });
    expect(await back.drain()).toBe(2);
    expect((await lines(openid)).map((l) => l.body)).toEqual(['你好', expect.any(String), '帮助', expect.any(String)]);
    await back.stop();
  });

  it('drains by itself within its tick: staff read a message within a second', async () => {
    const openid = `oTick-${storeKind}`;
    await say(openid, '你好');
    const drain = startTranscriptDrain({ db, store, logger: silent });
    const sent = Date.now();
    await say(openid, '路灯坏了');
    let seen = 0;
    while ((await lines(openid)).length < 4 && Date.now() - sent < 10_000) await new Promise((r) => setTimeout(r, 20));
    seen = Date.now() - sent;
    await drain.stop();
    expect((await lines(openid)).length).toBe(4);
    // the tick is 200 ms; a loaded machine (the suite beside it) is allowed its slack
    expect(seen).toBeLessThan(2_000);
  });
});
