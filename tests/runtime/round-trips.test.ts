import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { createLogger } from '../../src/log.js';
import { seedCommunities, submitReport, transition } from '../../src/civic/index.js';
import { createRuntime } from '../../src/runtime/create-runtime.js';
import { addFollowUp } from '../../src/state/follow-ups.js';
import type { RedisStore } from '../../src/state/redis-store.js';
import type { StateStore, StoreWrite } from '../../src/state/store.js';
import { QuotaLedger } from '../../src/wechat/api/quota.js';
import type { WechatApi } from '../../src/wechat/api/index.js';
import { DeliveryGate } from '../../src/wechat/delivery-gate.js';
import type { InboundMessage } from '../../src/wechat/inbound.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';
import { openTestDatabase } from '../helpers/db.js';
import { openTestStore, STORE_KINDS } from '../helpers/stores.js';
import { diskMediaStore } from '../../src/media/disk-media-store.js';

/** every state-store call is one round trip to Redis (apply is one batch, lockIncrGet one script) */
function counting(store: StateStore): { store: StateStore; calls: string[]; batches: StoreWrite[][] } {
  const calls: string[] = [];
  const batches: StoreWrite[][] = [];
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || prop === 'subscribe' || prop === 'close') return v;
      return (...args: unknown[]) => {
        calls.push(String(prop));
        if (prop === 'apply') batches.push(args[0] as StoreWrite[]);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls, batches };
}

/** the lock step (which takes the delivery's dedupe record too) and the final batch with the answer */
const TWO = ['lockIncrGet', 'apply'];
const staff = { type: 'staff' as const, id: '1' };

describe.each(STORE_KINDS)('state-store round trips of one message (%s)', (kind) => {
  let database: Database;
  let handler: MessageHandler;
  let gate: DeliveryGate;
  let calls: string[];
  let batches: StoreWrite[][];
  let store: StateStore;
  let seq = 0;
  let clock = Date.now();
  const raw = openTestStore(kind);
  const tag = `${kind}${Date.now().toString(36)}`;

  beforeAll(async () => {
    database = await openTestDatabase();
    const c = counting(raw);
    calls = c.calls;
    batches = c.batches;
    store = c.store;
    // the customer-service quota ledger is told of every message: its grant is one of the turn's writes
    const api = { quota: new QuotaLedger(c.store, { now: () => clock }) } as unknown as WechatApi;
    const runtime = await createRuntime({
      db: database.db,
      store: c.store,
      logger: createLogger('silent'),
      api: () => api,
      media: diskMediaStore('/tmp'),
      publicUrl: () => 'http://localhost',
      now: () => new Date(clock),
    });
    handler = runtime.handler;
    gate = new DeliveryGate(c.store, { ttlMs: 60_000, budgetMs: 4000 });
  });
  afterAll(async () => {
    await raw.close();
    await database.close();
  });

  const deliver = async (msg: InboundMessage) => {
    const key = `msg:${tag}:${++seq}`;
    calls.length = 0;
    // as the webhook delivers to the bot: the turn's lock step takes the dedupe record
    const r = await gate.deliver({ dedupeKey: key, openid: msg.fromUser }, (commit, claim) => handler(msg, { dedupeKey: key, commit, claim }), () => {}, { claimedBy: 'compute' });
    const made = [...calls];
    expect(r).toMatchObject({ kind: 'answered' });
    const text = r.kind === 'answered' ? r.messages.map((m) => ('content' in m ? String(m.content) : '')).join('\n') : '';
    return { text, calls: made };
  };
  const base = (openid: string) => ({ fromUser: `${openid}${tag}`, toUser: 'gh_test', createTime: 1_700_000_000, msgId: String(seq + 1) });
  const say = (openid: string, content: string) => deliver({ type: 'text', ...base(openid), content } as InboundMessage);
  const grant = (openid: string, k: 'msg' | 'evt') => store.get(`quota:{${openid}${tag}}:${k}`);

  it('the first message of a flow is two: the lock with the delivery\'s dedupe record, the rate count, session and drafts; and one batch of writes with the answer', async () => {
    const first = await say('oFirst', '报修');
    expect(first.text).toContain('哪一类问题');
    expect(first.calls).toEqual(TWO);
    // the customer-service window was noted in that batch
    expect(await grant('oFirst', 'msg')).not.toBeNull();
  });

  it('a flow step is two', async () => {
    await say('oStep', '报修');
    const step = await say('oStep', '1');
    expect(step.text).toContain('描述');
    expect(step.calls).toEqual(TWO);
    expect(await store.get(`lock:{oStep${tag}}`)).toBeNull();
    expect(await store.get(`sess:{oStep${tag}}`)).not.toBeNull();
  });

  it('a command is two', async () => {
    const help = await say('oCommand', '帮助');
    expect(help.text).not.toBe('');
    expect(help.calls).toEqual(TWO);
    const mine = await say('oCommand', '我的');
    expect(mine.calls).toEqual(TWO);
    // a command in the middle of a flow: answered, then the pending question asked again
    await say('oCommand', '报修');
    const digression = await say('oCommand', '我的');
    expect(digression.text).toContain('哪一类问题');
    expect(digression.calls).toEqual(TWO);
  });

  it('a free-text message is two', async () => {
    const free = await say('oFree', '你们好呀');
    expect(free.text).not.toBe('');
    expect(free.calls).toEqual(TWO);
    expect(await grant('oFree', 'msg')).not.toBeNull();
  });

  it('answering what a push asked is two: the open question is read with the lock, and dropped with the batch', async () => {
    const openid = `oAnswer${tag}`;
    const at = new Date(clock);
    await seedCommunities(database.db);
    const { caseId } = await submitReport(database.db, { openid, sourceKey: `rt-${tag}`, category: 'road', description: '路面有个坑', communityId: 'daxin' }, { now: at });
    await transition(database.db, { caseId, to: 'accepted', actor: staff, data: { assignee: '工作站' } }, { now: at });
    await transition(database.db, { caseId, to: 'resolved', actor: staff, publicNote: '已修补' }, { now: at });
    // as the push worker does once the push asking 问题解决了吗 is delivered
    await addFollowUp(raw, openid, { ask: 'feedback', caseId, until: new Date(clock + 86_400_000).toISOString() }, at);
    const answer = await say('oAnswer', '1');
    expect(answer.text).toContain('谢谢您的评价');
    expect(answer.calls).toEqual(TWO);
    expect(await store.get(`followup:{${openid}}`)).toBeNull();
  });

  it('a menu click is two, and notes a click window', async () => {
    const click = await deliver({ type: 'click', ...base('oClick'), eventKey: 'HELP' } as InboundMessage);
    expect(click.calls).toEqual(TWO);
    expect(await grant('oClick', 'evt')).not.toBeNull();
  });

  it('an expired session keeps its draft, and the same message starting that flow reads it from its own writes: still two', async () => {
    await say('oExpired', '报修');
    await say('oExpired', '1');
    await say('oExpired', '田厦村口路灯不亮');
    clock += 2 * 3600_000;
    try {
      const later = await say('oExpired', '报修');
      expect(later.text).toContain('还没有提交');
      expect(later.text).toContain('1 继续填写');
      expect(later.calls).toEqual(TWO);
      // the draft was written with the turn's batch into the session that offers it (its own key is
      // dropped, so 重新开始 or a confirmed 取消 ends it)
      expect(await store.get(`sess:{oExpired${tag}}`)).toContain('田厦村口路灯不亮');
      expect(await store.get(`draft:{oExpired${tag}}:report`)).toBeNull();
      // the next message reads the session with its lock step
      const resumed = await say('oExpired', '1');
      expect(resumed.text).toContain('在哪里');
      expect(resumed.calls).toEqual(TWO);
    } finally {
      clock = Date.now();
    }
  });

  it('a draft kept earlier in a turn is what that turn reads: 报修 again in the middle of a report offers to continue it', async () => {
    await say('oAgain', '报修');
    await say('oAgain', '1');
    await say('oAgain', '小区门口的井盖松动了');
    const again = await say('oAgain', '报修');
    expect(again.text).toContain('1 继续填写');
    expect(again.calls).toEqual(TWO);
  });

  it('a repeat delivery is answered from the claim record without running the bot', async () => {
    const msg = { type: 'text', ...base('oRepeat'), content: '帮助' } as InboundMessage;
    const once = await gate.deliver({ dedupeKey: `rep:${tag}`, openid: msg.fromUser }, (commit, claim) => handler(msg, { dedupeKey: `rep:${tag}`, commit, claim }), () => {}, { claimedBy: 'compute' });
    calls.length = 0;
    const again = await gate.deliver({ dedupeKey: `rep:${tag}`, openid: msg.fromUser }, (commit, claim) => handler(msg, { dedupeKey: `rep:${tag}`, commit, claim }), () => {}, { claimedBy: 'compute' });
    expect(again).toEqual({ ...once, duplicate: true });
    // the lock step finds the record taken; the answer kept there is read
    expect(calls).toEqual(['lockIncrGet', 'get']);
  });

  it('a flow step\'s batch queues its transcript lines first, then writes the resident\'s keys with the answer\'s record in their slot (on Redis: three commands)', async () => {
    const client = kind === 'redis' ? (raw as RedisStore).client : undefined;
    const wire: string[] = [];
    const original = client?.sendCommand.bind(client);
    if (client && original) {
      client.sendCommand = ((command: { name: string }, stream?: unknown) => {
        wire.push(command.name);
        return original(command as Parameters<typeof original>[0], stream as Parameters<typeof original>[1]);
      }) as typeof client.sendCommand;
    }
    try {
      await say('oWire', '报修');
      await say('oWire', '1');
      wire.length = 0;
      batches.length = 0;
      const step = await say('oWire', '路口的路灯不亮了');
      expect(step.text).toContain('在哪里');
      const [batch] = batches;
      const openid = `oWire${tag}`;
      expect(batch![0]).toMatchObject({ op: 'rpush', key: 'transcript:queue' });
      expect(batch!.slice(1).every((w) => w.key.includes(`{${openid}}`))).toBe(true);
      expect(batch!.slice(-2).map((w) => w.op)).toEqual(['deleteIfEquals', 'set']);
      expect(batch!.at(-1)!.key).toMatch(new RegExp(`^in:\\{${openid}\\}:`));
      if (client) expect(wire).toEqual(['evalsha', 'rpush', 'evalsha']);
    } finally {
      if (client && original) client.sendCommand = original;
    }
  });
});
