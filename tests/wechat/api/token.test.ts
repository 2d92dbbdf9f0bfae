import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keys } from '../../../src/state/keys.js';
import type { StateStore } from '../../../src/state/store.js';
import { AccessTokenError } from '../../../src/wechat/api/index.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { APP_ID, APP_SECRET, openSharedStores, openStore, startHarness, type Harness } from './harness.js';

const tokenCalls = (h: Harness) => h.fake.recorder.list({ api: 'stable_token' });

describe.each(STORE_KINDS)('access token (%s store)', (kind) => {
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

  it('50 concurrent callers cause one stable_token call and share its token', async () => {
    const got = await Promise.all(Array.from({ length: 50 }, () => h.api.tokens.getAccessToken()));
    expect(new Set(got).size).toBe(1);
    expect(tokenCalls(h)).toHaveLength(1);
    expect(tokenCalls(h)[0]!.body).toMatchObject({ grant_type: 'client_credential', appid: APP_ID, secret: '[redacted]', force_refresh: false });
    // cached: later calls do not ask again
    await h.api.tokens.getAccessToken();
    expect(tokenCalls(h)).toHaveLength(1);
  });

  it('refreshes 5 minutes before expiry, not after', async () => {
    const first = await h.api.tokens.getAccessToken();
    h.clock.advance(7200_000 - 5 * 60_000 - 1000);
    expect(await h.api.tokens.getAccessToken()).toBe(first);
    h.clock.advance(2000);
    const second = await h.api.tokens.getAccessToken();
    expect(tokenCalls(h)).toHaveLength(2);
    expect(second).not.toBe(first); // the fake rotates 5 minutes early, as WeChat does
  });

  it('a stale token (40001) is invalidated and the call retried once with a fresh one', async () => {
    const stale = 'fake_stale_token';
    await store.set(keys.accessToken(APP_ID), JSON.stringify({ token: stale, expiresAt: h.clock.now() + 3600_000, refreshAt: h.clock.now() + 3000_000 }));
    await h.api.menu.create({ button: [{ type: 'click', name: '报修', key: '报修' }] });
    const menuCalls = h.fake.recorder.list({ api: 'menu/create' });
    expect(menuCalls.map((r) => r.response.errcode)).toEqual([40001, 0]);
    expect(tokenCalls(h)).toHaveLength(1);
    const cached = JSON.parse((await store.get(keys.accessToken(APP_ID)))!);
    expect(cached.token).toBe(h.fake.api.issuedTokens[0]);
  });

  it('invalidate is compare-and-delete: a newer token is never thrown away', async () => {
    const current = await h.api.tokens.getAccessToken();
    expect(await h.api.tokens.invalidate('some-older-token')).toBe(false);
    expect(await h.api.tokens.getAccessToken()).toBe(current);
    expect(await h.api.tokens.invalidate(current)).toBe(true);
    expect(await store.get(keys.accessToken(APP_ID))).toBeNull();
  });

  it('gives up after one token retry when WeChat keeps refusing', async () => {
    h.fake.faults.inject({ api: 'menu/create', errcode: 42001, times: 2 });
    await expect(h.api.menu.create({ button: [{ type: 'click', name: '报修', key: '报修' }] })).rejects.toMatchObject({ errcode: 42001 });
    expect(h.fake.recorder.list({ api: 'menu/create' })).toHaveLength(2);
  });

  it('a token WeChat has revoked is replaced by a normal refresh, without force_refresh', async () => {
    const t1 = await h.api.tokens.getAccessToken();
    h.fake.api.revokeToken(t1);
    await h.api.menu.create({ button: [{ type: 'click', name: '报修', key: '报修' }] });
    expect(h.fake.recorder.list({ api: 'menu/create' }).map((r) => r.response.errcode)).toEqual([40001, 0]);
    expect(tokenCalls(h).map((r) => (r.body as { force_refresh: boolean }).force_refresh)).toEqual([false, false]);
    expect(await h.api.tokens.getAccessToken()).not.toBe(t1);
  });

  it('two client instances on one store make one stable_token call (store lock + re-check)', async () => {
    const others = Array.from({ length: 4 }, () => h.client(store));
    const got = await Promise.all([h.api, ...others].flatMap((c) => Array.from({ length: 10 }, () => c.tokens.getAccessToken())));
    expect(new Set(got).size).toBe(1);
    expect(tokenCalls(h)).toHaveLength(1);
  });

  it('force_refresh only when WeChat returns the very token that failed, ≥ 30 s apart', async () => {
    const t1 = await h.api.tokens.getAccessToken();
    // the platform rejects a token that stable_token still returns: only force_refresh helps
    h.fake.faults.inject({ api: 'message/custom/typing', errcode: 40001 });
    h.fake.api.noteInbound('o1', 'message');
    await h.api.custom.typing('o1');
    const calls = tokenCalls(h).map((r) => (r.body as { force_refresh: boolean }).force_refresh);
    expect(calls).toEqual([false, false, true]);
    const t2 = await h.api.tokens.getAccessToken();
    expect(t2).not.toBe(t1);
    expect(await h.api.tokens.forceRefreshesToday()).toBe(1);

    // again within 30 s: no second force refresh, a plain error naming the cause
    h.clock.advance(10_000);
    h.fake.faults.inject({ api: 'message/custom/typing', errcode: 40001 });
    const err = await h.api.custom.typing('o1').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccessTokenError);
    expect((err as AccessTokenError).reason).toBe('force_refresh_limited');
    expect(tokenCalls(h).filter((r) => (r.body as { force_refresh: boolean }).force_refresh)).toHaveLength(1);

    // after 30 s it is allowed again
    h.clock.advance(21_000);
    h.fake.faults.inject({ api: 'message/custom/typing', errcode: 40001 });
    await h.api.custom.typing('o1');
    expect(await h.api.tokens.forceRefreshesToday()).toBe(2);
  });

  it('never more than 20 force refreshes in 24 h', async () => {
    await h.api.tokens.getAccessToken();
    h.fake.api.noteInbound('o1', 'message');
    for (let i = 0; i < 20; i++) {
      h.fake.faults.inject({ api: 'message/custom/typing', errcode: 40001 });
      await h.api.custom.typing('o1');
      h.clock.advance(31_000);
    }
    expect(await h.api.tokens.forceRefreshesToday()).toBe(20);
    h.fake.faults.inject({ api: 'message/custom/typing', errcode: 40001 });
    await expect(h.api.custom.typing('o1')).rejects.toMatchObject({ reason: 'force_refresh_limited' });
    expect(tokenCalls(h).filter((r) => (r.body as { force_refresh: boolean }).force_refresh)).toHaveLength(20);
    h.clock.advance(24 * 3600_000);
    h.fake.api.noteInbound('o1', 'message');
    h.fake.faults.inject({ api: 'message/custom/typing', errcode: 40001 });
    await h.api.custom.typing('o1');
    expect(await h.api.tokens.forceRefreshesToday()).toBe(1);
  });

  it.each([
    [40164, 'ip_not_whitelisted', /IP whitelist/],
    [40125, 'bad_secret', /AppSecret/],
    [40013, 'bad_appid', /AppID/],
  ])('errcode %i is reported plainly as %s', async (errcode, reason, text) => {
    h.fake.faults.inject({ api: 'stable_token', errcode, errmsg: 'invalid ip 10.1.2.3, not in whitelist rid: 1' });
    const err = await h.api.tokens.getAccessToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AccessTokenError);
    expect(err).toMatchObject({ reason, errcode });
    expect((err as Error).message).toMatch(text);
    expect((err as Error).message).not.toContain('fake_');
    expect(tokenCalls(h)).toHaveLength(1); // not retried
  });

  it('a wrong secret is refused by the fake and named', async () => {
    const other = h.client(store, { appSecret: 'not-the-secret' });
    await expect(other.tokens.getAccessToken()).rejects.toMatchObject({ reason: 'bad_secret', errcode: 40125 });
  });
});

describe('access token across instances (two clients, one Redis)', () => {
  const { stores, cleanup } = openSharedStores();
  afterAll(cleanup);

  it('two instances refreshing at once make one stable_token call', async () => {
    const h = await startHarness(stores[0]);
    try {
      const second = h.client(stores[1]);
      const got = await Promise.all([
        ...Array.from({ length: 25 }, () => h.api.tokens.getAccessToken()),
        ...Array.from({ length: 25 }, () => second.tokens.getAccessToken()),
      ]);
      expect(new Set(got).size).toBe(1);
      expect(tokenCalls(h)).toHaveLength(1);
    } finally {
      await h.close();
    }
  });
});

describe('logs', () => {
  it('never contain an access token or the secret, even at debug level and without redaction', async () => {
    const { Writable } = await import('node:stream');
    const { default: pino } = await import('pino');
    const { MemoryStore } = await import('../../../src/state/memory-store.js');
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const store = new MemoryStore();
    const h = await startHarness(store, { client: { logger: pino({ level: 'debug' }, sink) } });
    try {
      h.fake.api.noteInbound('o1', 'message');
      await h.api.quota.noteInbound('o1', 'message');
      h.fake.faults.inject({ api: 'message/custom/typing', errcode: 40001 });
      await h.api.custom.typing('o1');
      h.fake.faults.inject({ api: 'message/custom/send', errcode: 45015 });
      await h.api.custom.send('o1', { type: 'text', content: 'x' }).catch(() => {});
      h.fake.faults.inject({ api: 'menu/create', reset: true });
      await h.api.menu.create({ button: [{ type: 'click', name: '报修', key: '报修' }] });
      const text = lines.join('');
      expect(text).toContain('access token refreshed');
      expect(text).toContain('transport error');
      for (const token of h.fake.api.issuedTokens) expect(text).not.toContain(token);
      expect(text).not.toContain(APP_SECRET);
    } finally {
      await h.close();
      await store.close();
    }
  });
});
