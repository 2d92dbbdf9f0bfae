import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '../../src/civic/lifecycle/notes.js';
import { transition } from '../../src/civic/index.js';
import { outbox } from '../../src/db/schema.js';
import { takeHeldUpdates } from '../../src/notify/held.js';
import {
  accept,
  customDelivered,
  fileReport,
  PUBLIC_URL,
  rowsOf,
  staff,
  startPushHarness,
  TEMPLATES,
  type PushHarness,
} from './harness.js';

/** the fake knows every template but the status one: status pushes get 40037 */
const KNOWN = ['local-case-update', 'local-publicity'];

describe('fallback to customer-service, then held', () => {
  let h: PushHarness;
  beforeAll(async () => {
    h = await startPushHarness('postgres', { templateIds: KNOWN });
  });
  afterAll(() => h.close());

  /** the resident wrote to the account: the window is open on both sides */
  const wrote = async (openid: string) => {
    h.fake.api.noteInbound(openid, 'message');
    await h.api.quota.noteInbound(openid, 'message');
  };

  it('40037 with the window open: one customer-service text instead', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-fb-open');
    await wrote('o-fb-open');
    await accept(h.db, h.clock, caseId);
    await h.worker().drainOnce();
    const tpl = h.fake.recorder.list({ openid: 'o-fb-open', api: 'message/template/send' });
    expect(tpl.map((r) => r.response.errcode)).toEqual([40037]);
    const cs = customDelivered(h.fake, 'o-fb-open');
    expect(cs).toHaveLength(1);
    expect((cs[0]!.body as { text: { content: string } }).text.content).toBe(
      `您关注的报修 #${caseId}「路灯照明：南头古城中山南街路灯不亮」状态更新为：已受理\n说明：已派单，三日内维修\n详情：${PUBLIC_URL}/c/${caseId}`,
    );
    const [row] = await rowsOf(h.db, 'o-fb-open');
    expect(row).toMatchObject({ status: 'sent', channel: 'custom', lastError: null });
    expect(h.fake.api.kfRemaining('o-fb-open')).toBe(4);
  });

  it('40037 on a resolved report: the customer-service text asks 问题解决了吗 with 1 已解决 / 2 没解决 as taps', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-fb-ask');
    await accept(h.db, h.clock, caseId);
    await h.worker().drainOnce();
    await wrote('o-fb-ask');
    await transition(h.db, { caseId, to: 'resolved', actor: staff, publicNote: '已更换灯泡' }, { now: new Date(h.clock.now()) });
    await h.worker().drainOnce();
    const cs = customDelivered(h.fake, 'o-fb-ask');
    expect((cs.at(-1)!.body as { text: { content: string } }).text.content).toBe(
      `您关注的报修 #${caseId}「路灯照明：南头古城中山南街路灯不亮」状态更新为：已办结\n说明：已更换灯泡\n` +
        '问题解决了吗？点下面的选项或回复数字，没解决也可以直接说哪里还没解决：\n' +
        '<a href="weixin://bizmsgmenu?msgmenucontent=1&msgmenuid=1">1 已解决</a>\n' +
        '<a href="weixin://bizmsgmenu?msgmenucontent=2&msgmenuid=2">2 没解决</a>\n' +
        `详情：${PUBLIC_URL}/c/${caseId}`,
    );
  });

  it('40037 with the window closed: held, then takeHeldUpdates returns it once', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-fb-closed');
    await accept(h.db, h.clock, caseId);
    await h.worker().drainOnce();
    expect(customDelivered(h.fake, 'o-fb-closed')).toHaveLength(0);
    const [row] = await rowsOf(h.db, 'o-fb-closed');
    expect(row).toMatchObject({ status: 'held', channel: null });
    expect(row!.lastError).toContain('40037');

    const updates = await takeHeldUpdates(h.db, 'o-fb-closed', { now: new Date(h.clock.now()) });
    expect(updates).toEqual([
      {
        caseId,
        number: caseId,
        kind: 'report',
        title: '路灯照明：南头古城中山南街路灯不亮',
        status: '已受理',
        note: '已派单，三日内维修',
        at: new Date(h.clock.now()).toISOString(),
      },
    ]);
    expect(await takeHeldUpdates(h.db, 'o-fb-closed')).toEqual([]);
    const [after] = await rowsOf(h.db, 'o-fb-closed');
    expect(after).toMatchObject({ status: 'sent', channel: 'held_shown' });
    // the worker never sends it afterwards
    await h.worker().drainOnce();
    expect(h.fake.recorder.list({ openid: 'o-fb-closed' })).toHaveLength(1);
  });

  it('no template configured for the kind: no template call at all; held', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-fb-none');
    await accept(h.db, h.clock, caseId);
    await h.worker({ templates: { ...TEMPLATES, status_changed: undefined } }).drainOnce();
    expect(h.fake.recorder.list({ openid: 'o-fb-none' })).toHaveLength(0);
    const [row] = await rowsOf(h.db, 'o-fb-none');
    expect(row).toMatchObject({ status: 'held', lastError: 'no_template: status_changed' });
  });

  it('takeHeldUpdates: one line per case (the latest news), pending rows too, rows in doubt never', async () => {
    const a = await fileReport(h.db, h.clock, 'o-fb-many');
    const b = await fileReport(h.db, h.clock, 'o-fb-many', [], '春景街井盖缺失');
    await accept(h.db, h.clock, a);
    await h.worker().drainOnce(); // held (40037)
    h.clock.advance(60_000);
    await addNote(h.db, { caseId: a, actor: staff, publicNote: '维修队已到现场' }, { now: new Date(h.clock.now()) });
    await accept(h.db, h.clock, b, '已受理'); // pending: queued just now
    expect((await rowsOf(h.db, 'o-fb-many')).map((r) => r.status)).toEqual(['held', 'pending', 'pending']);
    expect(await takeHeldUpdates(h.db, 'o-fb-many', { includePending: false })).toHaveLength(1);

    await accept(h.db, h.clock, await fileReport(h.db, h.clock, 'o-fb-many', [], '第三件'), '');
    const rows = await rowsOf(h.db, 'o-fb-many');
    const last = rows.at(-1)!;
    // a pending row whose template send may have gone out is left to the worker
    await h.db
      .update(outbox)
      .set({ payload: { ...last.payload, delivery: { failures: 1, templateInFlightSince: new Date(h.clock.now()).toISOString() } } })
      .where(eq(outbox.id, last.id));
    const updates = await takeHeldUpdates(h.db, 'o-fb-many');
    expect(updates.map((u) => [u.number, u.status, u.note])).toEqual([
      [b, '已受理', '已受理'],
      [a, '已受理', '维修队已到现场'],
    ]);
    expect((await rowsOf(h.db, 'o-fb-many')).map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'pending']);
  });

  it('WeChat says 45015 though the ledger thought the window open: held, ledger corrected', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-fb-45015');
    await h.api.quota.noteInbound('o-fb-45015', 'message'); // only our side knows of a window
    await accept(h.db, h.clock, caseId);
    await h.worker().drainOnce();
    expect(h.fake.recorder.list({ openid: 'o-fb-45015', api: 'message/custom/send' }).map((r) => r.response.errcode)).toEqual([45015]);
    expect((await rowsOf(h.db, 'o-fb-45015'))[0]).toMatchObject({ status: 'held' });
    expect((await h.api.quota.status('o-fb-45015')).open).toBe(false);
  });

  it('a customer-service send that may have gone out (MaybeSentError) is marked sent and never repeated', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-fb-maybe');
    await wrote('o-fb-maybe');
    await accept(h.db, h.clock, caseId);
    h.fake.faults.inject({ api: 'message/custom/send', httpStatus: 502, processed: true });
    await h.worker().drainOnce();
    const [row] = await rowsOf(h.db, 'o-fb-maybe');
    expect(row).toMatchObject({ status: 'sent', channel: 'custom' });
    expect(row!.lastError).toMatch(/^maybe_sent: /);
    h.clock.advance(3600_000);
    await h.worker().drainOnce();
    expect(h.fake.recorder.list({ openid: 'o-fb-maybe', api: 'message/custom/send' })).toHaveLength(1);
    expect(customDelivered(h.fake, 'o-fb-maybe')).toHaveLength(1);
  });
});
