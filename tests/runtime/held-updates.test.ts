import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCommunities, submitReport, transition } from '../../src/civic/index.js';
import type { Database } from '../../src/db/client.js';
import { cases, outbox } from '../../src/db/schema.js';
import { createLogger } from '../../src/log.js';
import { queueFullNote } from '../../src/notify/full-note.js';
import { takeHeldUpdates } from '../../src/notify/held.js';
import { createRuntime } from '../../src/runtime/create-runtime.js';
import { readFollowUps } from '../../src/state/follow-ups.js';
import { heldPushesWrite } from '../../src/state/held-pushes.js';
import { keys } from '../../src/state/keys.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import type { InboundMessage } from '../../src/wechat/inbound.js';
import type { MessageHandler } from '../../src/wechat/webhook.js';
import { openTestDatabase } from '../helpers/db.js';
import { diskMediaStore } from '../../src/media/disk-media-store.js';

const staff = { type: 'staff' as const, id: '1' };

/** News of followed cases whose pushes were left for later, told at the resident's next message; on the embedded database and on PostgreSQL. */
describe.each(['pglite', 'postgres'] as const)('held pushes, told in a reply — %s', (kind) => {
  let database: Database;
  let handler: MessageHandler;
  const store = new MemoryStore();
  let seq = 0;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    await seedCommunities(database.db);
    const runtime = await createRuntime({
      db: database.db,
      store,
      logger: createLogger('silent'),
      api: () => undefined,
      media: diskMediaStore('/tmp'),
      publicUrl: () => 'http://localhost',
      takeHeld: (openid) => takeHeldUpdates(database.db, openid),
    });
    handler = runtime.handler;
  });
  afterAll(async () => {
    await store.close();
    await database.close();
  });

  /** what the resident reads after typing `content`, or tapping a link (`menuId`) that sends it */
  const say = async (openid: string, content: string, menuId?: string) => {
    const msg = { type: 'text', fromUser: openid, toUser: 'gh_test', createTime: 1_700_000_000, msgId: String(++seq), content, ...(menuId ? { menuId } : {}) } as InboundMessage;
    const out = await handler(msg, { dedupeKey: `held:${seq}` });
    return out.map((m) => (m.type === 'text' ? m.content : m.type)).join('\n');
  };

  it('a held push that asks 问题解决了吗 is told, and the next message answers it', async () => {
    const at = new Date();
    const { caseId } = await submitReport(database.db, { openid: 'oHeldAsk', sourceKey: 'held-ask', category: 'road', description: '路面有个坑', communityId: 'daxin' }, { now: at });
    await transition(database.db, { caseId, to: 'accepted', actor: staff, data: { assignee: '工作站' } }, { now: at });
    await transition(database.db, { caseId, to: 'resolved', actor: staff, publicNote: '已修补' }, { now: at });
    // without the flag nothing is looked for: the news waits for the push worker
    expect(await say('oHeldAsk', '你好')).not.toContain('新进展');
    await store.apply([heldPushesWrite('oHeldAsk', 'test')]);
    const told = await say('oHeldAsk', '你好');
    expect(told).toContain('您关注的 1 件事有新进展');
    expect(told).toContain(`#${caseId}`);
    expect(told).toContain('已办结');
    expect(await store.get(keys.heldPushes('oHeldAsk'))).toBeNull();
    expect(readFollowUps(await store.get(keys.followUps('oHeldAsk')), new Date()).map((f) => [f.ask, f.caseId])).toEqual([['feedback', caseId]]);
    expect(await say('oHeldAsk', '好了')).toContain('谢谢您的评价');
    const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row!.status).toBe('closed');
    expect(await store.get(keys.followUps('oHeldAsk'))).toBeNull();
  });

  it('the held news of a resolved report asks 问题解决了吗 with 1 已解决 / 2 没解决 as taps; a tap records the feedback', async () => {
    const at = new Date();
    const { caseId } = await submitReport(database.db, { openid: 'oHeldTap', sourceKey: 'held-tap', category: 'road', description: '井盖松动', communityId: 'daxin' }, { now: at });
    await transition(database.db, { caseId, to: 'accepted', actor: staff, data: { assignee: '工作站' } }, { now: at });
    await transition(database.db, { caseId, to: 'resolved', actor: staff, publicNote: '已加固' }, { now: at });
    await store.apply([heldPushesWrite('oHeldTap', 'test')]);
    const told = await say('oHeldTap', '你好');
    expect(told).toContain(
      `#${caseId} 问题解决了吗？点下面的选项或回复数字，没解决也可以直接说哪里还没解决：\n` +
        '<a href="weixin://bizmsgmenu?msgmenucontent=1&msgmenuid=1">1 已解决</a>\n' +
        '<a href="weixin://bizmsgmenu?msgmenucontent=2&msgmenuid=2">2 没解决</a>',
    );
    expect(await say('oHeldTap', '2', '2')).toContain('重新处理');
    const [row] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(row!.status).not.toBe('resolved');
    expect(row!.status).not.toBe('closed');
  });

  it('held news that asks nothing has no taps', async () => {
    const at = new Date();
    const { caseId } = await submitReport(database.db, { openid: 'oHeldNoAsk', sourceKey: 'held-no-ask', category: 'road', description: '路边有个坑', communityId: 'daxin' }, { now: at });
    await transition(database.db, { caseId, to: 'accepted', actor: staff, data: { assignee: '工作站' } }, { now: at });
    await store.apply([heldPushesWrite('oHeldNoAsk', 'test')]);
    const told = await say('oHeldNoAsk', '你好');
    expect(told).toContain(`#${caseId}`);
    expect(told).not.toContain('问题解决了吗');
    expect(told).not.toContain('weixin://bizmsgmenu');
  });

  it('a staff note too long for the push’s template field is told whole at the next message', async () => {
    const note = '该地点不属于南头街道辖区，请拨打12345市民服务热线反映。';
    const at = new Date();
    const { caseId } = await submitReport(database.db, { openid: 'oHeldNote', sourceKey: 'held-note', category: 'road', description: '路口有个坑', communityId: 'daxin' }, { now: at });
    await transition(database.db, { caseId, to: 'rejected', actor: staff, publicNote: note }, { now: at });
    // the template went out saying 说明较长，全文另发给您; the note waits (the window was closed)
    const [push] = await database.db.select().from(outbox).where(eq(outbox.openid, 'oHeldNote'));
    await queueFullNote(database.db, push!, at);
    await store.apply([heldPushesWrite('oHeldNote', 'test')]);
    const told = await say('oHeldNote', '你好');
    expect(told).toContain(`#${caseId}`);
    expect(told).toContain(`说明：${note}`);
  });

  it('a question told in a reply is for the next message: the message that brought it is not its answer', async () => {
    const at = new Date();
    const { caseId } = await submitReport(database.db, { openid: 'oHeldOne', sourceKey: 'held-one', category: 'road', description: '人行道砖松了', communityId: 'daxin' }, { now: at });
    await transition(database.db, { caseId, to: 'accepted', actor: staff, data: { assignee: '工作站' } }, { now: at });
    await transition(database.db, { caseId, to: 'resolved', actor: staff, publicNote: '已修补' }, { now: at });
    await store.apply([heldPushesWrite('oHeldOne', 'test')]);
    const told = await say('oHeldOne', '1');
    expect(told).toContain('您关注的 1 件事有新进展');
    expect(told).not.toContain('谢谢您的评价');
    const [still] = await database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(still!.status).toBe('resolved');
    expect(await say('oHeldOne', '1')).toContain('谢谢您的评价');
  });
});
