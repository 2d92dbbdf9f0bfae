import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../../src/state/store.js';
import { QuotaLedger } from '../../../src/wechat/api/quota.js';
import { STORE_KINDS } from '../../helpers/stores.js';
import { openSharedStores, openStore, testClock, type TestClock } from './harness.js';

const H = 3600_000;

describe.each(STORE_KINDS)('customer-service quota ledger (%s store)', (kind) => {
  let store: StateStore;
  let cleanup: () => Promise<void>;
  let clock: TestClock;
  let ledger: QuotaLedger;
  beforeEach(() => {
    ({ store, cleanup } = openStore(kind));
    clock = testClock();
    ledger = new QuotaLedger(store, { now: clock.now });
  });
  afterEach(() => cleanup());

  it('is closed until the resident does something', async () => {
    expect(await ledger.status('o1')).toEqual({ open: false, remaining: 0, windowEndsAt: null });
    expect(await ledger.tryConsume('o1')).toEqual({ ok: false, reason: 'window_closed' });
  });

  it('a message opens 5 sends for 48 h', async () => {
    await ledger.noteInbound('o1', 'message');
    expect(await ledger.status('o1')).toEqual({ open: true, remaining: 5, windowEndsAt: clock.now() + 48 * H });
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await ledger.tryConsume('o1');
      if (!r.ok) throw new Error('refused');
      remaining.push(r.remaining);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
    expect(await ledger.tryConsume('o1')).toEqual({ ok: false, reason: 'quota_used' });
    clock.advance(48 * H);
    expect(await ledger.tryConsume('o1')).toEqual({ ok: false, reason: 'window_closed' });
  });

  it('a new message restarts the window with a fresh allowance', async () => {
    await ledger.noteInbound('o1', 'message');
    for (let i = 0; i < 5; i++) await ledger.tryConsume('o1');
    clock.advance(40 * H);
    await ledger.noteInbound('o1', 'message');
    expect(await ledger.status('o1')).toEqual({ open: true, remaining: 5, windowEndsAt: clock.now() + 48 * H });
  });

  it.each(['menu_click', 'follow', 'scan'] as const)('%s opens 3 sends within 1 minute', async (k) => {
    await ledger.noteInbound('o1', k);
    expect(await ledger.status('o1')).toMatchObject({ open: true, remaining: 3 });
    for (let i = 0; i < 3; i++) expect((await ledger.tryConsume('o1')).ok).toBe(true);
    expect(await ledger.tryConsume('o1')).toEqual({ ok: false, reason: 'quota_used' });
    clock.advance(60_000);
    expect(await ledger.status('o1')).toEqual({ open: false, remaining: 0, windowEndsAt: null });
  });

  it('inboundWrite is what noteInbound writes, applied in a batch of the caller (the bot turn\'s final writes)', async () => {
    const w = ledger.inboundWrite('o1', 'message');
    // nothing written until the batch is applied
    expect(await ledger.status('o1')).toEqual({ open: false, remaining: 0, windowEndsAt: null });
    expect(await store.apply([{ op: 'set', key: 'other', value: 'x' }, w])).toEqual([true, true]);
    expect(await ledger.status('o1')).toEqual({ open: true, remaining: 5, windowEndsAt: clock.now() + 48 * H });
    for (let i = 0; i < 5; i++) expect((await ledger.tryConsume('o1')).ok).toBe(true);
    expect(await ledger.tryConsume('o1')).toEqual({ ok: false, reason: 'quota_used' });
    // a later message's write restarts the window with a fresh allowance, as noteInbound does
    clock.advance(H);
    await store.apply([ledger.inboundWrite('o1', 'message'), ledger.inboundWrite('o1', 'scan')]);
    expect(await ledger.status('o1')).toEqual({ open: true, remaining: 8, windowEndsAt: clock.now() + 48 * H });
    clock.advance(61_000);
    expect((await ledger.status('o1')).remaining).toBe(5);
  });

  it('a click within an open message window adds its 3, used first', async () => {
    await ledger.noteInbound('o1', 'message');
    await ledger.noteInbound('o1', 'menu_click');
    expect((await ledger.status('o1')).remaining).toBe(8);
    for (let i = 0; i < 3; i++) await ledger.tryConsume('o1');
    clock.advance(61_000);
    expect(await ledger.status('o1')).toMatchObject({ open: true, remaining: 5 });
  });

  it('two sends racing for the last slot: exactly one wins', async () => {
    await ledger.noteInbound('o1', 'message');
    for (let i = 0; i < 4; i++) await ledger.tryConsume('o1');
    const other = new QuotaLedger(store, { now: clock.now });
    const results = await Promise.all([ledger.tryConsume('o1'), other.tryConsume('o1'), ledger.tryConsume('o1'), other.tryConsume('o1')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.reason === 'quota_used')).toBe(true);
  });

  it('many concurrent sends never exceed the allowance', async () => {
    await ledger.noteInbound('o1', 'message');
    const results = await Promise.all(Array.from({ length: 20 }, () => ledger.tryConsume('o1')));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });

  it('refund frees exactly the slot taken, once', async () => {
    await ledger.noteInbound('o1', 'message');
    const taken = await ledger.tryConsume('o1');
    if (!taken.ok) throw new Error('refused');
    expect((await ledger.status('o1')).remaining).toBe(4);
    expect(await ledger.refund('o1', taken.ticket)).toBe(true);
    expect(await ledger.refund('o1', taken.ticket)).toBe(false);
    expect((await ledger.status('o1')).remaining).toBe(5);
    // a ticket of another resident is ignored
    expect(await ledger.refund('o2', taken.ticket)).toBe(false);
  });

  it('refund without a ticket frees one taken slot', async () => {
    await ledger.noteInbound('o1', 'message');
    for (let i = 0; i < 5; i++) await ledger.tryConsume('o1');
    expect(await ledger.refund('o1')).toBe(true);
    expect((await ledger.tryConsume('o1')).ok).toBe(true);
    expect((await ledger.tryConsume('o1')).ok).toBe(false);
  });

  it('markClosed closes the grant a ticket came from, and leaves a newer window alone', async () => {
    await ledger.noteInbound('o1', 'message');
    const taken = await ledger.tryConsume('o1');
    if (!taken.ok) throw new Error('refused');
    await ledger.noteInbound('o1', 'message'); // the resident wrote again meanwhile
    await ledger.markClosed('o1', taken.ticket);
    expect(await ledger.status('o1')).toMatchObject({ open: true, remaining: 5 });
    await ledger.markClosed('o1');
    expect(await ledger.status('o1')).toEqual({ open: false, remaining: 0, windowEndsAt: null });
  });
});

describe('quota ledger across instances (one Redis)', () => {
  const { stores, cleanup } = openSharedStores();
  afterAll(cleanup);

  it('instances racing for the last slot: exactly one wins', async () => {
    const clock = testClock();
    const [a, b] = stores.map((s) => new QuotaLedger(s, { now: clock.now })) as [QuotaLedger, QuotaLedger];
    await a.noteInbound('o9', 'follow');
    await b.tryConsume('o9');
    await a.tryConsume('o9');
    const results = await Promise.all([a.tryConsume('o9'), b.tryConsume('o9'), a.tryConsume('o9'), b.tryConsume('o9')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await b.status('o9')).toMatchObject({ open: true, remaining: 0 });
  });
});
