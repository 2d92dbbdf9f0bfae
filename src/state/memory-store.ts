import { EventEmitter } from 'node:events';
import type { StateStore, StoreWrite } from './store.js';

type Entry =
  | { type: 'string'; value: string; expiresAt: number | null }
  | { type: 'zset'; value: Map<string, number>; expiresAt: number | null }
  | { type: 'list'; value: string[]; expiresAt: number | null };

/**
 * In-process state store for the embedded mode (one process, no Redis). Same semantics as the
 * Redis store, including expiry, so the contract test runs against both. The clock is injectable.
 */
export class MemoryStore implements StateStore {
  readonly kind = 'memory' as const;
  private readonly data = new Map<string, Entry>();
  private readonly bus = new EventEmitter();
  private sweeper: NodeJS.Timeout | undefined;

  constructor(private readonly now: () => number = Date.now) {
    this.bus.setMaxListeners(0);
    // expired keys are dropped lazily on access; the sweep bounds memory for keys never read again
    this.sweeper = setInterval(() => this.sweep(), 30_000);
    this.sweeper.unref();
  }

  private live(key: string): Entry | undefined {
    const e = this.data.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== null && e.expiresAt <= this.now()) {
      this.data.delete(key);
      return undefined;
    }
    return e;
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, e] of this.data) if (e.expiresAt !== null && e.expiresAt <= t) this.data.delete(k);
  }

  private expiry(ttlMs?: number): number | null {
    return ttlMs === undefined ? null : this.now() + ttlMs;
  }

  private str(key: string): string | null {
    const e = this.live(key);
    if (!e) return null;
    if (e.type !== 'string') throw new Error(`WRONGTYPE ${key}`);
    return e.value;
  }

  async get(key: string) {
    return this.str(key);
  }
  async mget(keys: string[]) {
    return keys.map((k) => this.str(k));
  }
  async set(key: string, value: string, ttlMs?: number) {
    this.data.set(key, { type: 'string', value, expiresAt: this.expiry(ttlMs) });
  }
  async setIfAbsent(key: string, value: string, ttlMs: number) {
    if (this.live(key)) return false;
    this.data.set(key, { type: 'string', value, expiresAt: this.expiry(ttlMs) });
    return true;
  }
  async del(...keys: string[]) {
    let n = 0;
    for (const k of keys) if (this.live(k) && this.data.delete(k)) n++;
    return n;
  }
  async deleteIfEquals(key: string, expected: string) {
    if (this.str(key) !== expected) return false;
    this.data.delete(key);
    return true;
  }
  async setIfEquals(key: string, expected: string, value: string, ttlMs?: number) {
    if (this.str(key) !== expected) return false;
    this.data.set(key, { type: 'string', value, expiresAt: this.expiry(ttlMs) });
    return true;
  }
  async incr(key: string, ttlMs: number) {
    const cur = this.str(key);
    if (cur === null) {
      this.data.set(key, { type: 'string', value: '1', expiresAt: this.expiry(ttlMs) });
      return 1;
    }
    const n = Number(cur);
    if (!Number.isInteger(n)) throw new Error('ERR value is not an integer');
    const e = this.data.get(key)!;
    e.value = String(n + 1);
    return n + 1;
  }
  async apply(writes: StoreWrite[]) {
    // synchronous from the first write to the last: nothing interleaves
    return writes.map((w) => {
      switch (w.op) {
        case 'set':
          this.data.set(w.key, { type: 'string', value: w.value, expiresAt: this.expiry(w.ttlMs) });
          return true;
        case 'del':
          this.data.delete(w.key);
          return true;
        case 'setIfEquals':
          if (this.str(w.key) !== w.expected) return false;
          this.data.set(w.key, { type: 'string', value: w.value, expiresAt: this.expiry(w.ttlMs) });
          return true;
        case 'deleteIfEquals':
          if (this.str(w.key) !== w.expected) return false;
          this.data.delete(w.key);
          return true;
        case 'rpush':
          this.list(w.key, true)?.push(...w.values);
          return true;
      }
    });
  }
  async lockIncrGet(
    lock: { key: string; token: string; ttlMs: number },
    counter: { key: string; ttlMs: number },
    reads: string[],
    claim?: { key: string; value: string; ttlMs: number },
  ) {
    // one synchronous step, as the Redis script is
    if (claim && this.live(claim.key)) return 'claimed' as const;
    if (this.live(lock.key)) return null;
    if (claim) this.data.set(claim.key, { type: 'string', value: claim.value, expiresAt: this.expiry(claim.ttlMs) });
    const cur = this.str(counter.key);
    const count = cur === null ? 1 : Number(cur) + 1;
    if (!Number.isInteger(count)) throw new Error('ERR value is not an integer');
    this.data.set(lock.key, { type: 'string', value: lock.token, expiresAt: this.expiry(lock.ttlMs) });
    if (cur === null) this.data.set(counter.key, { type: 'string', value: '1', expiresAt: this.expiry(counter.ttlMs) });
    else this.data.get(counter.key)!.value = String(count);
    return { count, values: reads.map((k) => this.str(k)) };
  }
  async pttl(key: string) {
    const e = this.live(key);
    if (!e) return -2;
    return e.expiresAt === null ? -1 : e.expiresAt - this.now();
  }

  private zset(key: string, create: boolean, ttlMs?: number): Map<string, number> | undefined {
    const e = this.live(key);
    if (e) {
      if (e.type !== 'zset') throw new Error(`WRONGTYPE ${key}`);
      if (ttlMs !== undefined) e.expiresAt = this.expiry(ttlMs);
      return e.value;
    }
    if (!create) return undefined;
    const value = new Map<string, number>();
    this.data.set(key, { type: 'zset', value, expiresAt: this.expiry(ttlMs) });
    return value;
  }
  async zadd(key: string, score: number, member: string, ttlMs?: number) {
    this.zset(key, true, ttlMs)!.set(member, score);
  }
  async zrangeByScore(key: string, min: number, max: number, limit?: number) {
    const z = this.zset(key, false);
    if (!z) return [];
    const out = [...z]
      .filter(([, s]) => s >= min && s <= max)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([member, score]) => ({ member, score }));
    return limit === undefined ? out : out.slice(0, limit);
  }
  async zremRangeByScore(key: string, min: number, max: number) {
    const z = this.zset(key, false);
    if (!z) return 0;
    let n = 0;
    for (const [m, s] of z) if (s >= min && s <= max && z.delete(m)) n++;
    if (z.size === 0) this.data.delete(key);
    return n;
  }
  async zrem(key: string, member: string) {
    const z = this.zset(key, false);
    if (!z || !z.delete(member)) return 0;
    if (z.size === 0) this.data.delete(key);
    return 1;
  }
  async zcount(key: string, min: number, max: number) {
    const z = this.zset(key, false);
    if (!z) return 0;
    let n = 0;
    for (const s of z.values()) if (s >= min && s <= max) n++;
    return n;
  }

  async rpush(key: string, value: string, ttlMs?: number) {
    const list = this.list(key, true)!;
    if (ttlMs !== undefined) this.data.get(key)!.expiresAt = this.expiry(ttlMs);
    list.push(value);
    return list.length;
  }
  async lrange(key: string, start: number, stop: number) {
    const list = this.list(key, false);
    if (!list) return [];
    const len = list.length;
    const s = start < 0 ? Math.max(0, len + start) : start;
    const t = stop < 0 ? len + stop : Math.min(stop, len - 1);
    return list.slice(s, t + 1);
  }

  async dropHeadIfEquals(key: string, count: number, guard: { key: string; expected: string }) {
    if (this.str(guard.key) !== guard.expected) return false;
    const list = this.list(key, false);
    if (list) list.splice(0, Math.max(0, Math.floor(count)));
    if (list && list.length === 0) this.data.delete(key);
    return true;
  }
  /** the list at key (created when asked to), undefined when missing */
  private list(key: string, create: boolean): string[] | undefined {
    const e = this.live(key);
    if (e && e.type !== 'list') throw new Error(`WRONGTYPE ${key}`);
    if (e) return e.value;
    if (!create) return undefined;
    const value: string[] = [];
    this.data.set(key, { type: 'list', value, expiresAt: null });
    return value;
  }

  async publish(channel: string, message: string) {
    queueMicrotask(() => this.bus.emit(channel, message));
  }
  async subscribe(channel: string, onMessage: (message: string) => void) {
    this.bus.on(channel, onMessage);
    return async () => {
      this.bus.off(channel, onMessage);
    };
  }

  async ping() {}
  async close() {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.data.clear();
    this.bus.removeAllListeners();
  }
}
