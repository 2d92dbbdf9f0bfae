import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getResident } from '../../src/civic/residents.js';
import { takeHeldUpdates } from '../../src/notify/held.js';
import { recordTemplateResult } from '../../src/notify/template-result.js';
import { accept, fileReport, rowsOf, startPushHarness, templatesDelivered, type PushHarness } from './harness.js';

describe('TEMPLATESENDJOBFINISH', () => {
  let h: PushHarness;
  beforeAll(async () => {
    h = await startPushHarness();
  });
  afterAll(() => h.close());

  /** a template push sent to `openid`; returns WeChat's msgid (above 2^53, kept exact) */
  async function sentTo(openid: string): Promise<string> {
    await accept(h.db, h.clock, await fileReport(h.db, h.clock, openid));
    await h.worker().drainOnce();
    const msgid = String(templatesDelivered(h.fake, openid)[0]!.response.msgid);
    expect(BigInt(msgid) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect((await rowsOf(h.db, openid))[0]!.payload).toMatchObject({ delivery: { msgId: msgid } });
    return msgid;
  }

  it('success is recorded on the push', async () => {
    const msgid = await sentTo('o-job-ok');
    const at = new Date(h.clock.now() + 5000);
    expect(await recordTemplateResult(h.db, { templateMsgId: msgid, status: 'success', now: at })).toMatchObject({ openid: 'o-job-ok', outcome: 'delivered' });
    const [row] = await rowsOf(h.db, 'o-job-ok');
    expect(row).toMatchObject({ status: 'sent', channel: 'template', payload: { delivery: { msgId: msgid, jobStatus: 'success', jobAt: at.toISOString() } } });
  });

  it('failed:user block marks the resident unreachable and the push dead; a repeated event is ignored', async () => {
    const msgid = await sentTo('o-job-block');
    const r = await recordTemplateResult(h.db, { templateMsgId: msgid, status: 'failed:user block' });
    expect(r).toMatchObject({ openid: 'o-job-block', outcome: 'blocked' });
    expect((await rowsOf(h.db, 'o-job-block'))[0]).toMatchObject({ status: 'dead', lastError: 'template_job: failed:user block' });
    expect(await getResident(h.db, 'o-job-block')).toMatchObject({ unreachableReason: 'template: user block' });
    expect(await recordTemplateResult(h.db, { templateMsgId: msgid, status: 'failed:user block' })).toBeNull();
  });

  it('failed: system failed puts the push back as held, for the resident’s next message', async () => {
    const msgid = await sentTo('o-job-sys');
    expect(await recordTemplateResult(h.db, { templateMsgId: msgid, status: 'failed: system failed' })).toMatchObject({ outcome: 'failed' });
    expect((await rowsOf(h.db, 'o-job-sys'))[0]).toMatchObject({ status: 'held' });
    expect(await takeHeldUpdates(h.db, 'o-job-sys')).toHaveLength(1);
    expect(await getResident(h.db, 'o-job-sys')).toMatchObject({ unreachableAt: null });
  });

  it('an unknown msgid changes nothing', async () => {
    expect(await recordTemplateResult(h.db, { templateMsgId: '9007199254740993123', status: 'success' })).toBeNull();
  });
});
