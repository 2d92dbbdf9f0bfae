import { afterAll, describe, expect, it } from 'vitest';
import { withLock, LockTimeoutError } from '../../src/state/lock.js';
import { openTestStore, STORE_KINDS } from '../helpers/stores.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(STORE_KINDS)('state store contract (%s)', (kind) => {
  const store = openTestStore(kind);
  afterAll(() => store.close());
  /** ttls are a second, not tens of ms: a loaded machine must not expire a key between two calls; then wait for it to go (at most 5 s) */
  const gone = async (key: string) => {
    for (let i = 0; i < 100 && (await store.pttl(key)) !== -2; i++) await sleep(50);
  };

  it('gets, sets and expires strings', async () => {
    expect(await store.get('a')).toBeNull();
    await store.set('a', '1');
    await store.set('b', '2', 1000);
    expect(await store.mget(['a', 'b', 'c'])).toEqual(['1', '2', null]);
    expect(await store.pttl('a')).toBe(-1);
    expect(await store.pttl('c')).toBe(-2);
    const ttl = await store.pttl('b');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);
    await gone('b');
    expect(await store.get('b')).toBeNull();
    expect(await store.del('a', 'b')).toBe(1);
  });

  it('setIfAbsent lets exactly one of many concurrent callers win', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setIfAbsent('nx', String(i), 1000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = results.indexOf(true);
    expect(await store.get('nx')).toBe(String(winner));
  });

  it('compare-and-delete and compare-and-set only act on the expected value', async () => {
    await store.set('cas', 'x', 5000);
    expect(await store.deleteIfEquals('cas', 'y')).toBe(false);
    expect(await store.setIfEquals('cas', 'y', 'z')).toBe(false);
    expect(await store.setIfEquals('cas', 'x', 'z', 5000)).toBe(true);
    expect(await store.get('cas')).toBe('z');
    expect(await store.deleteIfEquals('cas', 'z')).toBe(true);
    expect(await store.get('cas')).toBeNull();
  });

  it('incr sets the ttl on creation only', async () => {
    expect(await store.incr('n', 1000)).toBe(1);
    expect(await store.incr('n', 100_000)).toBe(2);
    expect(await store.pttl('n')).toBeLessThanOrEqual(1000);
    await gone('n');
    expect(await store.incr('n', 1000)).toBe(1);
  });

  it('keeps sorted sets ordered by score', async () => {
    await store.zadd('z', 3, 'c');
    await store.zadd('z', 1, 'a');
    await store.zadd('z', 2, 'b', 10_000);
    expect(await store.zrangeByScore('z', 0, 10)).toEqual([
      { member: 'a', score: 1 },
      { member: 'b', score: 2 },
      { member: 'c', score: 3 },
    ]);
    expect(await store.zrangeByScore('z', 2, 10, 1)).toEqual([{ member: 'b', score: 2 }]);
    expect(await store.zcount('z', 2, 3)).toBe(2);
    expect(await store.zrem('z', 'b')).toBe(1);
    expect(await store.zremRangeByScore('z', 0, 1)).toBe(1);
    expect(await store.zrangeByScore('z', -Infinity, Infinity)).toEqual([{ member: 'c', score: 3 }]);
  });

  it('appends to lists', async () => {
    expect(await store.rpush('l', 'a')).toBe(1);
    expect(await store.rpush('l', 'b', 10_000)).toBe(2);
    expect(await store.lrange('l', 0, -1)).toEqual(['a', 'b']);
    expect(await store.lrange('l', -1, -1)).toEqual(['b']);
  });

  it('appends to a list in a batch, and drops its head only while the guard holds', async () => {
    expect(await store.apply([{ op: 'rpush', key: 'q', values: ['1', '2'] }, { op: 'rpush', key: 'q', values: ['3'] }])).toEqual([true, true]);
    await store.set('q:lock', 'mine', 10_000);
    expect(await store.dropHeadIfEquals('q', 2, { key: 'q:lock', expected: 'theirs' })).toBe(false);
    expect(await store.lrange('q', 0, -1)).toEqual(['1', '2', '3']);
    expect(await store.dropHeadIfEquals('q', 2, { key: 'q:lock', expected: 'mine' })).toBe(true);
    expect(await store.lrange('q', 0, -1)).toEqual(['3']);
    expect(await store.dropHeadIfEquals('q', 5, { key: 'q:lock', expected: 'mine' })).toBe(true);
    expect(await store.lrange('q', 0, -1)).toEqual([]);
    expect(await store.dropHeadIfEquals('q:none', 1, { key: 'q:lock', expected: 'mine' })).toBe(true);
  });

  it('publishes to subscribers until they unsubscribe', async () => {
    const got: string[] = [];
    const off = await store.subscribe('ch', (m) => got.push(m));
    await store.publish('ch', 'one');
    for (let i = 0; i < 50 && got.length === 0; i++) await sleep(10);
    await off();
    await store.publish('ch', 'two');
    await sleep(30);
    expect(got).toEqual(['one']);
  });

  it('withLock serialises holders and times out waiters', async () => {
    const order: string[] = [];
    const hold = (name: string) =>
      withLock(store, 'lk', { ttlMs: 2000, waitMs: 2000 }, async () => {
        order.push(`${name}+`);
        await sleep(30);
        order.push(`${name}-`);
      });
    await Promise.all([hold('a'), hold('b'), hold('c')]);
    for (let i = 0; i < order.length; i += 2) expect(order[i]!.slice(0, 1)).toBe(order[i + 1]!.slice(0, 1));
    await store.set('busy', 'someone', 5000);
    await expect(withLock(store, 'busy', { ttlMs: 1000, waitMs: 50 }, async () => 1)).rejects.toBeInstanceOf(LockTimeoutError);
  });

  it('applies a batch of writes in order and says which conditional ones took effect', async () => {
    await store.set('b:lock', 'me', 5000);
    await store.set('b:other', 'x');
    const done = await store.apply([
      { op: 'set', key: 'b:s', value: 'v1', ttlMs: 5000 },
      { op: 'set', key: 'b:s', value: 'v2' },
      { op: 'setIfEquals', key: 'b:other', expected: 'nope', value: 'y' },
      { op: 'setIfEquals', key: 'b:other', expected: 'x', value: 'z', ttlMs: 80 },
      { op: 'del', key: 'b:missing' },
      { op: 'deleteIfEquals', key: 'b:lock', expected: 'someone else' },
      { op: 'deleteIfEquals', key: 'b:lock', expected: 'me' },
    ]);
    expect(done).toEqual([true, true, false, true, true, false, true]);
    expect(await store.mget(['b:s', 'b:other', 'b:lock'])).toEqual(['v2', 'z', null]);
    expect(await store.pttl('b:s')).toBe(-1);
    const ttl = await store.pttl('b:other');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(80);
    expect(await store.apply([])).toEqual([]);
  });

  it('applies a resident\'s writes that share a hash tag together, beside writes of other keys, in order', async () => {
    await store.set('lock:{r1}', 'tok', 5000);
    await store.set('card:{r1}', 'old');
    const many = Array.from({ length: 1200 }, (_, i) => `line ${i}`);
    const done = await store.apply([
      { op: 'set', key: 'sess:{r1}', value: 's1', ttlMs: 5000 },
      { op: 'del', key: 'card:{r1}' },
      { op: 'rpush', key: 'q:{r1}', values: many },
      { op: 'setIfEquals', key: 'quota:{r1}', expected: 'none', value: 'q' },
      { op: 'rpush', key: 'shared:queue', values: ['a', 'b'] },
      { op: 'set', key: 'sess:{r1}', value: 's2' },
      { op: 'deleteIfEquals', key: 'lock:{r1}', expected: 'not mine' },
      { op: 'deleteIfEquals', key: 'lock:{r1}', expected: 'tok' },
      { op: 'set', key: 'in:{r1}:m1', value: 'answer', ttlMs: 5000 },
    ]);
    expect(done).toEqual([true, true, true, false, true, true, false, true, true]);
    expect(await store.mget(['sess:{r1}', 'card:{r1}', 'quota:{r1}', 'lock:{r1}', 'in:{r1}:m1'])).toEqual(['s2', null, null, null, 'answer']);
    expect(await store.lrange('q:{r1}', 0, -1)).toEqual(many);
    expect(await store.lrange('shared:queue', 0, -1)).toEqual(['a', 'b']);
    expect(await store.pttl('sess:{r1}')).toBe(-1);
    expect(await store.pttl('in:{r1}:m1')).toBeGreaterThan(0);
  });

  it('lockIncrGet with a claim takes it with the lock, answers claimed when it is taken, and takes nothing while the lock is held', async () => {
    const claim = { key: 'c:{r}:in', value: 'pending', ttlMs: 5000 };
    const lock = (token: string) => ({ key: 'c:{r}:lock', token, ttlMs: 5000 });
    const counter = { key: 'c:{r}:rate', ttlMs: 5000 };
    // the lock is someone else's: neither the claim nor the count is taken
    await store.set('c:{r}:lock', 'other', 5000);
    expect(await store.lockIncrGet(lock('a'), counter, [], claim)).toBeNull();
    expect(await store.mget(['c:{r}:in', 'c:{r}:rate'])).toEqual([null, null]);
    await store.del('c:{r}:lock');
    expect(await store.lockIncrGet(lock('a'), counter, ['c:{r}:in'], claim)).toEqual({ count: 1, values: ['pending'] });
    expect(await store.get('c:{r}:lock')).toBe('a');
    const ttl = await store.pttl('c:{r}:in');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5000);
    await store.del('c:{r}:lock');
    // a second delivery of the same message: claimed, and the lock, count and record are left as they were
    expect(await store.lockIncrGet(lock('b'), counter, [], claim)).toBe('claimed');
    expect(await store.mget(['c:{r}:lock', 'c:{r}:rate', 'c:{r}:in'])).toEqual([null, '1', 'pending']);
  });

  it('lockIncrGet takes the lock, counts and reads in one step, and does nothing while the lock is held', async () => {
    await store.set('t:sess', 'the session');
    const lock = (token: string) => ({ key: 't:lock', token, ttlMs: 2000 });
    const counter = { key: 't:rate', ttlMs: 80 };
    expect(await store.lockIncrGet(lock('a'), counter, ['t:sess', 't:none', 't:sess'])).toEqual({
      count: 1,
      values: ['the session', null, 'the session'],
    });
    expect(await store.get('t:lock')).toBe('a');
    const ttl = await store.pttl('t:rate');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(80);
    // held: neither counted nor read
    expect(await store.lockIncrGet(lock('b'), counter, ['t:sess'])).toBeNull();
    expect(await store.get('t:rate')).toBe('1');
    expect(await store.deleteIfEquals('t:lock', 'a')).toBe(true);
    expect(await store.lockIncrGet(lock('b'), { key: 't:rate', ttlMs: 100_000 }, [])).toEqual({ count: 2, values: [] });
    // the counter keeps the ttl of its creation
    expect(await store.pttl('t:rate')).toBeLessThanOrEqual(80);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.lockIncrGet({ key: 't:lock2', token: String(i), ttlMs: 1000 }, counter, [])));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });
});
