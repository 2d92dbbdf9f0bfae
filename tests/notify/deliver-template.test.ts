import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '../../src/civic/lifecycle/notes.js';
import { markUnreachable } from '../../src/civic/residents.js';
import { clientMsgIdFor } from '../../src/notify/delivery-state.js';
import { accept, fileReport, PUBLIC_URL, rowsOf, staff, startPushHarness, templatesDelivered, type PushHarness } from './harness.js';

describe('template delivery', () => {
  let h: PushHarness;
  beforeAll(async () => {
    h = await startPushHarness();
  });
  afterAll(() => h.close());

  it('a status change queued by transition goes out as one template message with the right fields', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-tpl-author', ['o-tpl-follower']);
    const t = await accept(h.db, h.clock, caseId);
    expect(t.queued).toBe(2);
    const worker = h.worker();
    expect(await worker.drainOnce()).toBe(2);

    const sent = templatesDelivered(h.fake, 'o-tpl-author');
    expect(sent).toHaveLength(1);
    const [row] = await rowsOf(h.db, 'o-tpl-author');
    expect(sent[0]!.body).toEqual({
      touser: 'o-tpl-author',
      template_id: 'local-case-status',
      url: `${PUBLIC_URL}/c/${caseId}`,
      client_msg_id: clientMsgIdFor(row!.idempotencyKey),
      data: {
        character_string1: { value: String(caseId) },
        thing2: { value: '路灯照明：南头古城中山南街路灯不亮' },
        phrase3: { value: '已受理' },
        time4: { value: '2026-03-02 10:00' },
        thing5: { value: '已派单，三日内维修' },
      },
    });
    expect(row).toMatchObject({ status: 'sent', channel: 'template', attempts: 1, lastError: null, lockedUntil: null });
    expect(row!.sentAt!.getTime()).toBe(h.clock.now());
    const msgid = String(sent[0]!.response.msgid);
    expect(row!.payload).toMatchObject({ delivery: { msgId: msgid, failures: 0 } });
    expect(templatesDelivered(h.fake, 'o-tpl-follower')).toHaveLength(1);

    // nothing is due any more: a second drain sends nothing
    expect(await worker.drainOnce()).toBe(0);
    expect(templatesDelivered(h.fake).filter((r) => r.openid?.startsWith('o-tpl-'))).toHaveLength(2);
  });

  it('every field fits WeChat’s 20 characters on one line', async () => {
    const long = '南头古城中山南街与春景街交叉口往东五十米处的两盏路灯\n连续三个晚上都不亮，行人摸黑走路很危险';
    const caseId = await fileReport(h.db, h.clock, 'o-tpl-long', [], long);
    await accept(h.db, h.clock, caseId, '已派单给南头街道城管办路灯班组，预计三个工作日内完成维修并回访');
    await h.worker().drainOnce();
    const [sent] = templatesDelivered(h.fake, 'o-tpl-long');
    const data = (sent!.body as { data: Record<string, { value: string }> }).data;
    for (const { value } of Object.values(data)) {
      expect([...value].length).toBeLessThanOrEqual(20);
      expect(value).not.toMatch(/\n/);
    }
    expect(data.thing2!.value.endsWith('…')).toBe(true);
    // staff's note is never cut mid-sentence: the field says it follows (tests/notify/full-note.test.ts)
    expect(data.thing5!.value).toBe('说明较长，全文另发给您');
  });

  it('a public note (case_update) uses its own template', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-tpl-note');
    await accept(h.db, h.clock, caseId);
    await h.worker().drainOnce();
    await addNote(h.db, { caseId, actor: staff, publicNote: '维修队已到现场' }, { now: new Date(h.clock.now()) });
    await h.worker().drainOnce();
    const sent = templatesDelivered(h.fake, 'o-tpl-note');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.body).toMatchObject({
      template_id: 'local-case-update',
      data: { thing3: { value: '有新进展' }, thing5: { value: '维修队已到现场' } },
    });
  });

  it('a resident marked unreachable since the push was queued gets no call: dead', async () => {
    const caseId = await fileReport(h.db, h.clock, 'o-tpl-gone');
    await accept(h.db, h.clock, caseId);
    await markUnreachable(h.db, 'o-tpl-gone', '43004 unfollowed', new Date(h.clock.now()));
    await h.worker().drainOnce();
    expect(h.fake.recorder.list({ openid: 'o-tpl-gone' })).toHaveLength(0);
    const [row] = await rowsOf(h.db, 'o-tpl-gone');
    expect(row).toMatchObject({ status: 'dead', lastError: 'unreachable: 43004 unfollowed' });
  });
});
