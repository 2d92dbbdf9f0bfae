import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { MAX_PREPARED_PARAMS } from '../../src/db/prepared.js';
import { messages } from '../../src/db/schema.js';
import { recordOutbound } from '../../src/runtime/transcript-lines.js';
import { recordTurnStart } from '../../src/runtime/turn-record.js';
import type { InboundMessage } from '../../src/wechat/inbound.js';
import type { OutboundMessage } from '../../src/wechat/outbound.js';
import { PgMessageCounter, TcpProxy } from '../faults/tcp-proxy.js';
import { createPostgresDatabaseUrl, openTestDatabase } from '../helpers/db.js';

const text = (fromUser: string, content: string): InboundMessage =>
  ({ type: 'text', fromUser, toUser: 'gh_test', createTime: 1_700_000_000, msgId: String(Math.random()).slice(2), content }) as InboundMessage;
const replies: OutboundMessage[] = [
  { type: 'text', content: '第一条' },
  { type: 'news', article: { title: '公示', description: '', url: 'https://example.org/p', picUrl: '' } },
  { type: 'text', content: '第三条' },
] as OutboundMessage[];

describe('the transcript of a turn', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('writes the replies of one turn in order, whatever their number', async () => {
    const at = new Date('2026-03-01T08:00:00Z');
    await recordOutbound(database.db, 'oOrder', replies, null, 'bot', at);
    await recordOutbound(database.db, 'oOrder', replies.slice(0, 1), null, 'staff:7', at);
    await recordOutbound(database.db, 'oOrder', [], null, 'bot', at);
    const rows = await database.db.select().from(messages).where(eq(messages.openid, 'oOrder')).orderBy(asc(messages.id));
    expect(rows.map((r) => [r.direction, r.sender, r.msgType, r.body, r.conversationId])).toEqual([
      ['out', 'bot', 'text', '第一条', null],
      ['out', 'bot', 'news', '公示', null],
      ['out', 'bot', 'text', '第三条', null],
      ['out', 'staff:7', 'text', '第一条', null],
    ]);
    expect(rows.every((r) => r.at.toISOString() === at.toISOString())).toBe(true);
  });
});

/**
 * drizzle sends queries to postgres.js unprepared, which costs a Describe round trip and a parse per
 * statement; the client it gets prepares them (src/db/prepared.ts), except where the text varies.
 */
describe('prepared statements on PostgreSQL', () => {
  let database: Database;
  let proxy: TcpProxy;
  let drop: () => Promise<void>;
  const counter = new PgMessageCounter();
  beforeAll(async () => {
    const pg = await createPostgresDatabaseUrl();
    drop = pg.drop;
    const url = new URL(pg.url);
    proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
    counter.attach(proxy);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    database = await openDatabase({ url: url.toString(), dataDir: 'memory://' });
    await database.migrate();
  });
  afterAll(async () => {
    await database.close();
    await proxy.close();
    await drop();
  });

  it('the two statements of every message take one round trip each and are parsed once per connection', async () => {
    const turn = async (i: number) => {
      await recordTurnStart(database.db, text(`oPrepared${i % 3}`, `消息 ${i}`), new Date());
      await recordOutbound(database.db, `oPrepared${i % 3}`, replies.slice(0, 1 + (i % 3)), null, 'bot', new Date());
    };
    for (let i = 0; i < 3; i++) await turn(i);
    const parses = counter.counts.parse;
    const executes = counter.counts.execute;
    const trips = proxy.counters.turns;
    for (let i = 0; i < 30; i++) await turn(i);
    // one connection serves sequential statements, so the first turns prepared both on it
    expect(counter.counts.parse - parses).toBe(0);
    expect(counter.counts.execute - executes).toBe(60);
    expect(proxy.counters.turns - trips).toBe(60);
  });

  const measure = async (fn: () => Promise<unknown>, times: number) => {
    await fn();
    const parses = counter.counts.parse;
    const trips = proxy.counters.turns;
    for (let i = 0; i < times; i++) await fn();
    return { parses: counter.counts.parse - parses, trips: proxy.counters.turns - trips };
  };

  it('inside a transaction too', async () => {
    const { db } = database;
    const tx = () =>
      db.transaction(async (t) => {
        await t.select().from(messages).where(eq(messages.openid, 'oTx')).limit(1);
        await t.update(messages).set({ body: 'x' }).where(eq(messages.openid, 'oTx'));
      });
    // begin, two statements, commit
    expect(await measure(tx, 10)).toEqual({ parses: 0, trips: 40 });
    // and in a nested transaction (a savepoint)
    const nested = () =>
      db.transaction(async (t) => {
        await t.transaction(async (n) => {
          await n.select().from(messages).where(eq(messages.openid, 'oTx')).limit(1);
        });
      });
    expect((await measure(nested, 5)).parses).toBe(0);
  });

  it('leaves a statement with many parameters unprepared, so its varying text is not kept', async () => {
    const ids = Array.from({ length: MAX_PREPARED_PARAMS + 1 }, (_, i) => i + 1);
    const many = () => database.db.select().from(messages).where(inArray(messages.id, ids));
    expect(await measure(many, 5)).toEqual({ parses: 5, trips: 10 });
    const few = () => database.db.select().from(messages).where(inArray(messages.id, ids.slice(0, MAX_PREPARED_PARAMS)));
    expect(await measure(few, 5)).toEqual({ parses: 0, trips: 5 });
  });
});
