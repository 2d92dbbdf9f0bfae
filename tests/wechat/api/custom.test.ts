import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../../src/state/store.js';
import { WechatApiError, WindowClosedError } from '../../../src/wechat/api/index.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { openStore, startHarness, type Harness } from './harness.js';

const text = (content: string) => ({ type: 'text' as const, content });

describe.each(STORE_KINDS)('customer-service messages (%s store)', (kind) => {
  let store: StateStore;
  let cleanup: () => Promise<void>;
  let h: Harness;
  beforeEach(async () => {
    ({ store, cleanup } = openStore(kind));
    h = await startHarness(store);
  });
  afterEach(async () => {
    await h.close();
    await cleanup();
  });

  const residentWrites = async (openid: string) => {
    h.fake.api.noteInbound(openid, 'message');
    await h.api.quota.noteInbound(openid, 'message');
  };

  it('sends text, single-article news and an image in WeChat’s shape', async () => {
    await residentWrites('o1');
    h.fake.api.registerMedia('MEDIA1', Buffer.from('img'), 'image/png');
    expect(await h.api.custom.send('o1', text('您反映的路灯问题已派单'))).toEqual({ remaining: 4 });
    await h.api.custom.send('o1', { type: 'news', article: { title: '办理进度', description: '编号 12', url: 'https://example.org/r/12', picUrl: 'https://example.org/p.png' } });
    await h.api.custom.send('o1', { type: 'image', mediaId: 'MEDIA1' });
    expect(h.fake.recorder.delivered({ api: 'message/custom/send', openid: 'o1' }).map((r) => r.body)).toEqual([
      { touser: 'o1', msgtype: 'text', text: { content: '您反映的路灯问题已派单' } },
      { touser: 'o1', msgtype: 'news', news: { articles: [{ title: '办理进度', description: '编号 12', url: 'https://example.org/r/12', picurl: 'https://example.org/p.png' }] } },
      { touser: 'o1', msgtype: 'image', image: { media_id: 'MEDIA1' } },
    ]);
    expect(await h.api.quota.status('o1')).toMatchObject({ remaining: 2 });
  });

  it('the local ledger refuses the 6th send without calling WeChat', async () => {
    await residentWrites('o1');
    for (let i = 0; i < 5; i++) await h.api.custom.send('o1', text(`消息 ${i}`));
    const err = await h.api.custom.send('o1', text('第六条')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WindowClosedError);
    expect(err).toMatchObject({ reason: 'quota_used', errcode: undefined });
    expect(h.fake.recorder.list({ api: 'message/custom/send' })).toHaveLength(5);
  });

  it('with no window the send is refused locally', async () => {
    await expect(h.api.custom.send('o2', text('您好'))).rejects.toMatchObject({ name: 'WindowClosedError', reason: 'window_closed' });
    expect(h.fake.recorder.list()).toHaveLength(0);
  });

  it('45015 from WeChat → WindowClosedError and the ledger corrected', async () => {
    await h.api.quota.noteInbound('o3', 'message'); // we think the window is open; WeChat disagrees
    const err = await h.api.custom.send('o3', text('您好')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WindowClosedError);
    expect(err).toMatchObject({ reason: 'window_closed', errcode: 45015 });
    expect(await h.api.quota.status('o3')).toEqual({ open: false, remaining: 0, windowEndsAt: null });
    await expect(h.api.custom.send('o3', text('again'))).rejects.toMatchObject({ errcode: undefined });
    expect(h.fake.recorder.list({ api: 'message/custom/send' })).toHaveLength(1);
  });

  it('45047 from WeChat → WindowClosedError(quota_used) and the ledger corrected', async () => {
    await residentWrites('o4');
    h.fake.faults.inject({ api: 'message/custom/send', errcode: 45047, errmsg: 'out of response count limit' });
    await expect(h.api.custom.send('o4', text('您好'))).rejects.toMatchObject({ name: 'WindowClosedError', reason: 'quota_used', errcode: 45047 });
    expect((await h.api.quota.status('o4')).open).toBe(false);
  });

  it('a refusal other than the window (e.g. 40003) gives the slot back', async () => {
    await residentWrites('o5');
    h.fake.faults.inject({ api: 'message/custom/send', errcode: 40003, errmsg: 'invalid openid' });
    await expect(h.api.custom.send('o5', text('您好'))).rejects.toBeInstanceOf(WechatApiError);
    expect((await h.api.quota.status('o5')).remaining).toBe(5);
  });

  it('typing indicator: Typing and CancelTyping, no quota used', async () => {
    await residentWrites('o6');
    await h.api.custom.typing('o6');
    await h.api.custom.typing('o6', 'CancelTyping');
    expect(h.fake.recorder.delivered({ api: 'message/custom/typing' }).map((r) => r.body)).toEqual([
      { touser: 'o6', command: 'Typing' },
      { touser: 'o6', command: 'CancelTyping' },
    ]);
    expect((await h.api.quota.status('o6')).remaining).toBe(5);
    expect(h.fake.api.kfRemaining('o6')).toBe(5);
  });
});
