import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createLogger } from '../../src/log.js';
import { seedCommunities, submitReport, transition } from '../../src/civic/index.js';
import { takeHeldUpdates } from '../../src/notify/held.js';
import { heldPushesWrite } from '../../src/state/held-pushes.js';
import { createRuntime } from '../../src/runtime/create-runtime.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import { forgetResidentCard } from '../../src/state/resident-card.js';
import type { InboundMessage } from '../../src/wechat/inbound.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';
import { PgMessageCounter, TcpProxy } from '../faults/tcp-proxy.js';
import { createPostgresDatabaseUrl } from '../helpers/db.js';
import { diskMediaStore } from '../../src/media/disk-media-store.js';

/**
 * PostgreSQL statements of one message, counted on the wire (statements = simple queries +
 * executions). A resident's first message is two — the turn's start (resident, ticket, transcript
 * line) and the bot's words in the transcript — and leaves the resident's card in the state store;
 * from then on a flow step, a help reply or free text is none: the card says who they are, and the
 * transcript is written behind (drained in batches). It was two each, and three for free text
 * before held pushes were looked for only when flagged.
 */
describe('PostgreSQL statements of one message', () => {
  let database: Database;
  let proxy: TcpProxy;
  let drop: () => Promise<void>;
  let handler: MessageHandler;
  const store = new MemoryStore();
  const counter = new PgMessageCounter();
  let seq = 0;

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
    const runtime = await createRuntime({
      db: database.db,
      store,
      logger: createLogger('silent'),
      api: () => undefined,
      media: diskMediaStore('/tmp'),
      publicUrl: () => 'http://localhost',
      // as the service wires it
      takeHeld: (openid) => takeHeldUpdates(database.db, openid),
    });
    handler = runtime.handler;
  });
  afterAll(async () => {
    await store.close();
    await database.close();
    await proxy.close();
    await drop();
  });

  const say = async (openid: string, content: string) => {
    const msg = { type: 'text', fromUser: openid, toUser: 'gh_test', createTime: 1_700_000_000, msgId: String(++seq), content } as InboundMessage;
    const before = counter.statements;
    const trips = proxy.counters.turns;
    const out = await handler(msg, { dedupeKey: `pg:${seq}` });
    return { text: out.map((m) => (m.type === 'text' ? m.content : '')).join('\n'), statements: counter.statements - before, roundTrips: proxy.counters.turns - trips };
  };

  it('a flow step is none once the resident has a card', async () => {
    // the community list and the staff keyword replies are read once and cached
    await say('oPgWarm', '你好');
    await say('oPgWarm', '报修');
    expect((await say('oPgFlow', '报修')).statements).toBe(2);
    const step = await say('oPgFlow', '1');
    expect(step.text).toContain('描述');
    expect(step.statements).toBe(0);
    const next = await say('oPgFlow', '3栋门口的路灯晚上不亮');
    expect(next.text).toContain('在哪里');
    expect(next.statements).toBe(0);
    expect((await say('oPgFlow', '帮助')).statements).toBe(0);
    // staff acted on the resident's ticket elsewhere: the next turn reads PostgreSQL again, once
    await forgetResidentCard(store, 'oPgFlow');
    expect((await say('oPgFlow', '帮助')).statements).toBe(2);
    expect((await say('oPgFlow', '帮助')).statements).toBe(0);
  });

  it("a resident's first message is two: it starts their card", async () => {
    const first = await say('oPgStart', '报修');
    expect(first.text).toContain('哪一类问题');
    expect(first.statements).toBe(2);
  });

  it('free text outside any flow is two: held pushes are looked for only when the push worker flagged some', async () => {
    expect((await say('oPgFree', '在吗')).statements).toBe(2);
    const free = await say('oPgFree', '你们好呀');
    expect(free.text).toContain('报修');
    expect(free.statements).toBe(0);
    // an answer-like message asks nothing of the database when no push asked anything (was 5)
    expect((await say('oPgFree', '1')).statements).toBe(0);

    const at = new Date();
    await seedCommunities(database.db);
    const { caseId } = await submitReport(database.db, { openid: 'oPgHeld', sourceKey: 'pg-held', category: 'road', description: '路面有坑', communityId: 'daxin' }, { now: at });
    await transition(database.db, { caseId, to: 'accepted', actor: { type: 'staff', id: '1' }, data: { assignee: '工作站' } }, { now: at });
    // as the push worker does when it leaves a push for later
    await store.apply([heldPushesWrite('oPgHeld', 'test')]);
    const told = await say('oPgHeld', '你们好呀');
    expect(told.text).toContain('您关注的 1 件事有新进展');
    expect(told.statements).toBe(3);
    // told once: the flag is cleared with the turn's writes
    expect((await say('oPgHeld', '你们好呀')).statements).toBe(0);
  });

  it('查询 N and 我的 read the database once each: the case with all its page shows in one statement', async () => {
    await seedCommunities(database.db);
    const at = new Date();
    const { caseId } = await submitReport(database.db, { openid: 'oPgLook', sourceKey: 'pg-look', category: 'road', description: '路面有坑', communityId: 'daxin' }, { now: at });
    await say('oPgLook', '我的');
    const lookup = await say('oPgLook', `查询 ${caseId}`);
    expect(lookup.text).toContain(`#${caseId}`);
    expect(lookup.text).toContain('大新社区');
    expect(lookup.text).toContain('您已关注这件事');
    // one for the case (it was seven: row, community, events, photos, supporters, subscribers side by
    // side, and two more for the turn's start and its transcript)
    expect(lookup.statements).toBe(1);
    const mine = await say('oPgLook', '我的');
    expect(mine.text).toContain(`#${caseId}`);
    expect(mine.statements).toBe(1);
  });

  it('a report filed through the bot waits for PostgreSQL six times: statements that need not wait for each other go together', async () => {
    await seedCommunities(database.db);
    await say('oPgFile', '我住在大新社区');
    const file = async () => {
      await say('oPgFile', '报修');
      await say('oPgFile', '1');
      await say('oPgFile', '3栋门口的路灯晚上不亮，已经一个星期了');
      let answer = await say('oPgFile', '大新小区东门');
      for (let i = 0; i < 6 && !answer.text.includes('请核对'); i++) {
        answer = await say('oPgFile', answer.text.includes('附近已有类似问题') ? '仍然提交' : answer.text.includes('哪个社区') ? '大新' : '跳过');
      }
      expect(answer.text).toContain('请核对');
      const filed = await say('oPgFile', '1');
      expect(filed.text).toContain('编号是 #');
      return filed;
    };
    // the first filing prepares its statements on the connection
    await file();
    const filed = await file();
    // BEGIN; filed already? with the resident and the community; the case; its event with the
    // author's subscription; COMMIT; the voices sent while filling it in (it was ten: one statement
    // after another)
    expect(filed.roundTrips).toBe(6);
    expect(filed.statements).toBe(10);
  });

});
