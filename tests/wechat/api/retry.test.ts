import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryStore } from '../../../src/state/memory-store.js';
import { MaybeSentError, WechatApiError, WechatTransportError } from '../../../src/wechat/api/index.js';
import { startHarness, type Harness } from './harness.js';

const text = (content: string) => ({ type: 'text' as const, content });
const tpl = (clientMsgId?: string) => ({
  touser: 'o1',
  templateId: 'TPL_STATUS',
  data: { thing1: '路灯不亮', phrase2: '已受理' },
  ...(clientMsgId ? { clientMsgId } : {}),
});

/** a port nothing listens on */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as { port: number };
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('transient failures: -1, 5xx, resets, timeouts', () => {
  let h: Harness;
  let store: MemoryStore;
  beforeEach(async () => {
    store = new MemoryStore();
    h = await startHarness(store, { client: { timeoutMs: 1500 } });
    h.fake.api.noteInbound('o1', 'message');
    await h.api.quota.noteInbound('o1', 'message');
  });
  afterEach(async () => {
    await h.close();
    await store.close();
  });

  it('an idempotent call (template with client_msg_id) is retried on -1 with growing backoff', async () => {
    h.fake.faults.inject({ api: 'message/template/send', errcode: -1, times: 2 });
    const { msgId } = await h.api.template.send(tpl('r12-accepted'));
    expect(msgId).toMatch(/^\d+$/);
    expect(h.fake.recorder.list({ api: 'message/template/send' }).map((r) => r.response.errcode)).toEqual([-1, -1, 0]);
    expect(h.sleeps).toEqual([200, 400]);
  });

  it('retries stop after the limit and the last error is thrown', async () => {
    h.fake.faults.inject({ api: 'message/template/send', errcode: -1, times: 10 });
    const err = await h.api.template.send(tpl('r12-x')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatApiError);
    expect((err as WechatApiError).errcode).toBe(-1);
    expect(h.fake.recorder.list({ api: 'message/template/send' })).toHaveLength(4);
    expect(h.sleeps).toEqual([200, 400, 800]);
  });

  it('an idempotent call is retried after a 5xx', async () => {
    h.fake.faults.inject({ api: 'menu/create', httpStatus: 502 });
    await h.api.menu.create({ button: [{ type: 'click', name: '报修', key: '报修' }] });
    expect(h.fake.recorder.list({ api: 'menu/create' }).map((r) => r.response.errcode)).toEqual([-2, 0]);
  });

  it('a customer-service send is not repeated on -1: MaybeSentError, one call, the slot kept', async () => {
    h.fake.faults.inject({ api: 'message/custom/send', errcode: -1 });
    const err = await h.api.custom.send('o1', text('您反映的问题已受理')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaybeSentError);
    expect((err as MaybeSentError).openid).toBe('o1');
    expect(h.fake.recorder.list({ api: 'message/custom/send' })).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
    expect((await h.api.quota.status('o1')).remaining).toBe(4);
  });

  it('a send WeChat carried out but answered with a 5xx: MaybeSentError and exactly one delivery', async () => {
    h.fake.faults.inject({ api: 'message/custom/send', httpStatus: 502, processed: true });
    await expect(h.api.custom.send('o1', text('您好'))).rejects.toBeInstanceOf(MaybeSentError);
    expect(h.fake.recorder.delivered({ api: 'message/custom/send' })).toHaveLength(1);
    expect(h.fake.recorder.list({ api: 'message/custom/send' })).toHaveLength(1);
    expect(h.fake.api.kfRemaining('o1')).toBe(4);
  });

  it('a send that stalls past the timeout: MaybeSentError, not retried, exactly one delivery', async () => {
    h.fake.faults.inject({ api: 'message/custom/send', delayMs: 8000 });
    const err = await h.api.custom.send('o1', text('您好')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MaybeSentError);
    expect(((err as MaybeSentError).cause as WechatTransportError).reason).toBe('timeout');
    expect(h.fake.recorder.delivered({ api: 'message/custom/send' })).toHaveLength(1);
    expect(h.fake.recorder.list({ api: 'message/custom/send' })).toHaveLength(1);
    expect((await h.api.quota.status('o1')).remaining).toBe(4);
  });

  it('a connection reset after the request: MaybeSentError for a send, retried for a download', async () => {
    h.fake.faults.inject({ api: 'message/custom/send', reset: true, processed: true });
    await expect(h.api.custom.send('o1', text('您好'))).rejects.toBeInstanceOf(MaybeSentError);
    expect(h.fake.recorder.delivered({ api: 'message/custom/send' })).toHaveLength(1);

    h.fake.api.registerMedia('m1', Buffer.from('photo'), 'image/jpeg');
    h.fake.faults.inject({ api: 'media/get', reset: true });
    const file = await h.api.media.downloadMedia('m1');
    expect(file.buffer.toString()).toBe('photo');
    expect(h.fake.recorder.list({ api: 'media/get' })).toHaveLength(2);
  });

  it('an idempotent call that times out is retried', async () => {
    h.fake.faults.inject({ api: 'message/template/send', delayMs: 8000 });
    const first = await h.api.template.send(tpl('r13-done'));
    // WeChat did deliver the first attempt; the retry with the same client_msg_id is de-duplicated
    expect(h.fake.recorder.delivered({ api: 'message/template/send' })).toHaveLength(1);
    expect(h.fake.recorder.list({ api: 'message/template/send:duplicate' })).toHaveLength(1);
    expect(first.msgId).toBe(h.fake.recorder.delivered({ api: 'message/template/send' })[0]!.response.msgid);
  });

  it('a template without client_msg_id is not idempotent: MaybeSentError on -1', async () => {
    h.fake.faults.inject({ api: 'message/template/send', errcode: -1 });
    await expect(h.api.template.send(tpl())).rejects.toBeInstanceOf(MaybeSentError);
    expect(h.fake.recorder.list({ api: 'message/template/send' })).toHaveLength(1);
  });
});

describe('transport errors before anything was sent', () => {
  it('connection refused: retried, then a WechatTransportError with maybeDelivered=false, and the slot refunded', async () => {
    const store = new MemoryStore();
    const h = await startHarness(store);
    try {
      const api = h.client(store, { apiBase: `http://127.0.0.1:${await closedPort()}/sim/api` });
      await api.quota.noteInbound('o1', 'message');
      const err = await api.custom.send('o1', text('您好')).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WechatTransportError);
      expect(err).toMatchObject({ reason: 'network', maybeDelivered: false });
      expect(h.sleeps).toHaveLength(3);
      expect((await api.quota.status('o1')).remaining).toBe(5);
    } finally {
      await h.close();
      await store.close();
    }
  });

  it('the access token never appears in an error, even when the network error quotes the URL', async () => {
    const store = new MemoryStore();
    const h = await startHarness(store);
    try {
      const leaky: typeof fetch = async (input, init) => {
        const url = String(input);
        if (url.includes('/cgi-bin/stable_token')) return fetch(input, init);
        throw new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ECONNRESET ${url}`), { code: 'ECONNRESET' }) });
      };
      const api = h.client(store, { fetch: leaky });
      const token = await api.tokens.getAccessToken();
      const err = await api.menu.create({ button: [{ type: 'click', name: '报修', key: '报修' }] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WechatTransportError);
      expect((err as WechatTransportError).maybeDelivered).toBe(true);
      const shown = `${(err as Error).message} ${(err as Error).stack} ${JSON.stringify(err)} ${String((err as Error).cause ?? '')}`;
      expect(shown).not.toContain(token);
      expect(shown).not.toContain('access_token=');
    } finally {
      await h.close();
      await store.close();
    }
  });
});
