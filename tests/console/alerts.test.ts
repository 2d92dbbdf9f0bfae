import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeStaffAlerts, fitBytes, startStaffAlerts, WecomRobotAlerts } from '../../src/console/alerts/index.js';
import { publishInboxEvent } from '../../src/console/index.js';
import { silentLogger } from '../../src/log.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import { startConsole, type ConsoleHarness } from './harness.js';

describe('staff alerts', () => {
  let h: ConsoleHarness;
  beforeAll(async () => {
    h = await startConsole();
  });
  afterAll(() => h.close());

  it('posts one alert per new ticket and per overdue report, once across instances', async () => {
    const fake = new FakeStaffAlerts();
    const a = await startStaffAlerts({ db: h.db, store: h.store, alerts: fake, channel: 'wecom', logger: silentLogger, now: h.clock.now });
    const b = await startStaffAlerts({ db: h.db, store: h.store, alerts: fake, channel: 'wecom', logger: silentLogger, now: h.clock.now });
    await publishInboxEvent(h.store, { type: 'ticket_opened', ticketId: 41, communityId: 'nantoucheng', status: 'queued' });
    await publishInboxEvent(h.store, { type: 'message', ticketId: 41, communityId: 'nantoucheng' });
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.sent).toEqual(['【人工咨询】#41（南头城社区）居民请求人工服务，请登录工作台接单。']);
    const id = await h.report({ communityId: 'tongle', category: 'safety' });
    expect(await a.sweepOverdue()).toBe(0);
    h.clock.advance(3 * 86_400_000);
    fake.fail = true;
    expect(await a.sweepOverdue()).toBe(0);
    fake.fail = false;
    expect(await a.sweepOverdue()).toBe(1);
    expect(await b.sweepOverdue()).toBe(0);
    expect(fake.sent[1]).toMatch(new RegExp(`^【超期督办】报修 #${id}（同乐社区）已超过办理时限 \\d+ 小时，尚未指派。$`));
    await a.stop();
    await b.stop();
  });

  it('the WeCom robot gets text of at most 2048 bytes, 20 a minute', async () => {
    const bodies: { msgtype: string; text: { content: string } }[] = [];
    const server = createServer(async (req: IncomingMessage, res) => {
      let raw = '';
      for await (const c of req) raw += c;
      bodies.push(JSON.parse(raw));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cgi-bin/webhook/send?key=k`;
    let t = Date.parse('2026-03-02T02:00:10Z');
    const robot = new WecomRobotAlerts({ webhookUrl: url, store: new MemoryStore(() => t), logger: silentLogger, now: () => t });
    expect(await robot.send('超'.repeat(1000))).toBe(true);
    expect(Buffer.byteLength(bodies[0]!.text.content)).toBeLessThanOrEqual(2048);
    expect(bodies[0]!.msgtype).toBe('text');
    for (let i = 1; i < 20; i++) expect(await robot.send(`#${i}`)).toBe(true);
    expect(await robot.send('21st')).toBe(false);
    expect(bodies).toHaveLength(20);
    t += 60_000;
    expect(await robot.send('next minute')).toBe(true);
    server.close();
    expect(fitBytes('路灯abc', 7)).toBe('路…');
  });
});

describe('inbox events across instances', () => {
  it('reach a subscriber on another instance through Redis pub/sub, with the ticket read from the database', async () => {
    const { openSharedRedisStores } = await import('../helpers/stores.js');
    const { subscribeInbox, publishTicketEvent } = await import('../../src/console/inbox/events.js');
    const { requestHandoff } = await import('../../src/runtime/handoff.js');
    const { ensureResident, bindCommunity } = await import('../../src/civic/index.js');
    const [one, two] = openSharedRedisStores();
    const h = await startConsole();
    try {
      const got: unknown[] = [];
      const stop = await subscribeInbox(two, (e) => got.push(e));
      await ensureResident(h.db, 'o-x', h.clock.now());
      await bindCommunity(h.db, 'o-x', 'daxin', h.clock.now());
      const { ticketId } = await requestHandoff(h.db, { openid: 'o-x', reason: 'resident', context: {}, now: h.clock.now() });
      await publishTicketEvent(h.db, one, 'ticket_opened', ticketId, h.clock.now());
      for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(got).toEqual([{ type: 'ticket_opened', ticketId, communityId: 'daxin', status: 'queued', assigneeId: null, at: h.clock.now().toISOString() }]);
      await stop();
    } finally {
      await one.close();
      await two.close();
      await h.close();
    }
  });
});
