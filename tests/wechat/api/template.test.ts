import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../../src/state/store.js';
import { fitTemplateField, TemplateFieldError, validateTemplateData, WechatApiError } from '../../../src/wechat/api/index.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { openStore, startHarness, type Harness } from './harness.js';

describe('template field rules', () => {
  it('accepts 20 characters counted as code points (Chinese, emoji)', () => {
    expect(validateTemplateData({ thing1: '一'.repeat(20), thing2: '😀'.repeat(20), time3: { value: '2026-03-14 10:00' } })).toEqual({
      thing1: { value: '一'.repeat(20) },
      thing2: { value: '😀'.repeat(20) },
      time3: { value: '2026-03-14 10:00' },
    });
  });

  it.each([
    [{ thing1: '一'.repeat(21) }, 'thing1', 'too_long'],
    [{ thing2: '第一行\n第二行' }, 'thing2', 'newline'],
    [{ thing2: 'a\rb' }, 'thing2', 'newline'],
    [{ first: '您好' }, 'first', 'legacy_key'],
    [{ remark: '谢谢' }, 'remark', 'legacy_key'],
    [{ keyword1: { value: 'x', color: '#173177' } }, 'keyword1', 'legacy_key'],
    [{ keyword1: { value: 12 } as unknown as { value: string } }, 'keyword1', 'not_text'],
  ])('%j is refused naming the field', (data, field, problem) => {
    const err = (() => {
      try {
        validateTemplateData(data);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(TemplateFieldError);
    expect(err).toMatchObject({ field, problem });
    expect((err as Error).message).toContain(field);
  });

  it('fitTemplateField flattens lines and shortens with an ellipsis', () => {
    expect(fitTemplateField('  路灯\n不亮  ')).toBe('路灯 不亮');
    expect(fitTemplateField('小区东门路灯已经连续三天晚上不亮了请尽快处理谢谢')).toBe('小区东门路灯已经连续三天晚上不亮了请尽…');
    expect(fitTemplateField('短')).toBe('短');
    // never cuts an emoji sequence in half
    const family = '👨‍👩‍👧';
    const fitted = fitTemplateField('报修' + family.repeat(10));
    expect(fitted.endsWith('…')).toBe(true);
    expect(fitted.replace('…', '').replace('报修', '').split(family).every((p) => p === '')).toBe(true);
  });

  it('whatever fitTemplateField returns passes validation', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
        const v = fitTemplateField(s);
        expect(() => validateTemplateData({ thing1: v })).not.toThrow();
      }),
    );
  });
});

describe.each(STORE_KINDS)('template messages (%s store)', (kind) => {
  let store: StateStore;
  let cleanup: () => Promise<void>;
  let h: Harness;
  beforeEach(async () => {
    ({ store, cleanup } = openStore(kind));
    h = await startHarness(store, { templateIds: ['TPL_STATUS'] });
  });
  afterEach(async () => {
    await h.close();
    await cleanup();
  });

  const msg = (clientMsgId: string) => ({
    touser: 'o1',
    templateId: 'TPL_STATUS',
    url: 'https://example.org/r/12',
    clientMsgId,
    data: { character_string1: '12', thing2: '路灯不亮', phrase3: '已派单' },
  });

  it('sends with client_msg_id and returns the exact 64-bit msgid', async () => {
    const { msgId } = await h.api.template.send(msg('r12-dispatched'));
    const [rec] = h.fake.recorder.delivered({ api: 'message/template/send' });
    expect(rec!.body).toMatchObject({ touser: 'o1', template_id: 'TPL_STATUS', client_msg_id: 'r12-dispatched', data: { thing2: { value: '路灯不亮' } } });
    expect(msgId).toBe(rec!.response.msgid);
    expect(BigInt(msgId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('the same client_msg_id twice → one delivery, same msgid', async () => {
    const a = await h.api.template.send(msg('r12-done'));
    const b = await h.api.template.send(msg('r12-done'));
    expect(b).toEqual(a);
    expect(h.fake.recorder.delivered({ api: 'message/template/send' })).toHaveLength(1);
  });

  it('WeChat itself de-duplicates a client_msg_id sent by two instances', async () => {
    const other = openStore('memory');
    const otherInstance = h.client(other.store);
    const a = await h.api.template.send(msg('r12-closed'));
    const b = await otherInstance.template.send(msg('r12-closed'));
    expect(b).toEqual(a);
    expect(h.fake.recorder.delivered({ api: 'message/template/send' })).toHaveLength(1);
    expect(h.fake.recorder.list({ api: 'message/template/send:duplicate' })).toHaveLength(1);
    // after 10 minutes the id is free again
    h.clock.advance(10 * 60_000 + 1);
    const c = await otherInstance.template.send(msg('r12-closed'));
    expect(c.msgId).not.toBe(a.msgId);
    // and the local record expires with it
    h.clock.advance(10 * 60_000 + 1);
    expect((await h.api.template.send(msg('r12-closed'))).msgId).not.toBe(a.msgId);
    await other.cleanup();
  });

  it('invalid fields are refused before anything is sent', async () => {
    await expect(h.api.template.send({ ...msg('x'), data: { thing2: '小区东门路灯已经连续三天晚上不亮了请尽快处理' } })).rejects.toMatchObject({
      name: 'TemplateFieldError',
      field: 'thing2',
      problem: 'too_long',
    });
    expect(h.fake.recorder.list()).toHaveLength(0);
  });

  it('an unknown template id is WeChat’s 40037', async () => {
    await expect(h.api.template.send({ ...msg('y'), templateId: 'NOPE' })).rejects.toSatisfy((e) => e instanceof WechatApiError && e.errcode === 40037);
  });
});
