import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/civic/index.js';
import { takeHeldUpdates } from '../../src/notify/held.js';
import { customDelivered, fileReport, rowsOf, staff, startPushHarness, templatesDelivered, type PushHarness } from './harness.js';

/** the rejection that reached a resident as 「该地点不属于南头街道辖区，请拨打123…」, the number cut off */
const NOTE = '该地点不属于南头街道辖区，请拨打12345市民服务热线反映。';

/** A staff note longer than a template field is never cut: the push points to it and the whole note follows. */
describe('a note too long for a template field', () => {
  let h: PushHarness;
  beforeAll(async () => {
    h = await startPushHarness();
  });
  afterAll(() => h.close());

  /** the resident wrote to the account: the window is open on both sides */
  const wrote = async (openid: string) => {
    h.fake.api.noteInbound(openid, 'message');
    await h.api.quota.noteInbound(openid, 'message');
  };
  const reject = (caseId: number, publicNote = NOTE) =>
    transition(h.db, { caseId, to: 'rejected', actor: staff, publicNote }, { now: new Date(h.clock.now()) });
  const fields = (openid: string) => templatesDelivered(h.fake, openid).map((r) => (r.body as { data: Record<string, { value: string }> }).data);

  it('window open: the template says the note follows, then the whole note goes as a customer-service message', async () => {
    const openid = 'o-note-open';
    const caseId = await fileReport(h.db, h.clock, openid);
    await wrote(openid);
    await reject(caseId);
    await h.worker().drainOnce();
    await h.worker().drainOnce();
    const [data] = fields(openid);
    expect(data!.thing5!.value).toBe('说明较长，全文另发给您');
    // no field of the push is a sentence cut off in the middle
    for (const { value } of Object.values(data!)) expect(value).not.toContain('请拨打123');
    const cs = customDelivered(h.fake, openid).map((r) => (r.body as { text: { content: string } }).text.content);
    expect(cs).toEqual([`#${caseId}「路灯照明：南头古城中山南街路灯不亮」的说明：${NOTE}`]);
    const rows = await rowsOf(h.db, openid);
    expect(rows.map((r) => [r.kind, r.status, r.channel])).toEqual([
      ['status_changed', 'sent', 'template'],
      ['case_note', 'sent', 'custom'],
    ]);
    // drained again: nothing more, the note is not sent twice
    await h.worker().drainOnce();
    expect(customDelivered(h.fake, openid)).toHaveLength(1);
  });

  it('window closed: the whole note is kept for the resident’s next message', async () => {
    const openid = 'o-note-closed';
    const caseId = await fileReport(h.db, h.clock, openid);
    await reject(caseId);
    await h.worker().drainOnce();
    await h.worker().drainOnce();
    expect(fields(openid)[0]!.thing5!.value).toBe('说明较长，全文另发给您');
    expect(customDelivered(h.fake, openid)).toHaveLength(0);
    const rows = await rowsOf(h.db, openid);
    expect(rows.map((r) => [r.kind, r.status])).toEqual([
      ['status_changed', 'sent'],
      ['case_note', 'held'],
    ]);
    const [news] = await takeHeldUpdates(h.db, openid, { now: new Date(h.clock.now()) });
    expect(news).toMatchObject({ caseId, status: '不予受理', fullNote: NOTE });
  });

  it('a note that fits the field is the field, and nothing follows', async () => {
    const openid = 'o-note-short';
    const caseId = await fileReport(h.db, h.clock, openid);
    await wrote(openid);
    await reject(caseId, '不属于本街道，请拨打12345。');
    await h.worker().drainOnce();
    await h.worker().drainOnce();
    expect(fields(openid)[0]!.thing5!.value).toBe('不属于本街道，请拨打12345。');
    expect(customDelivered(h.fake, openid)).toHaveLength(0);
    expect(await rowsOf(h.db, openid)).toHaveLength(1);
  });
});
