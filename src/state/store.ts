/**
 * The shared state store: conversation sessions, dedupe keys and cached replies, locks, the access
 * token, the customer-service quota ledger, login sessions. Redis in production, in-process when
 * embedded; both pass the one contract test in tests/state/store.contract.ts.
 *
 * Keys that belong to one resident carry a Redis Cluster hash tag, e.g. `sess:{<openid>}`, so all
 * of a resident's keys land on one shard (see keys.ts).
 */
/** One write of a batch (StateStore.apply). */
export type StoreWrite =
  | { op: 'set'; key: string; value: string; ttlMs?: number }
  | { op: 'del'; key: string }
  /** replace only when the key holds `expected` */
  | { op: 'setIfEquals'; key: string; expected: string; value: string; ttlMs?: number }
  /** delete only when the key holds `expected` (lock release) */
  | { op: 'deleteIfEquals'; key: string; expected: string }
  /** append to a list (a queue drained elsewhere: the transcript written behind) */
  | { op: 'rpush'; key: string; values: string[] };

export interface StateStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  mget(keys: string[]): Promise<(string | null)[]>;
  /** ttlMs omitted = no expiry */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** SET NX PX: true when this call created the key */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** number of keys removed */
  del(...keys: string[]): Promise<number>;
  /** delete only when the key holds `expected` (lock release, compare-and-invalidate) */
  deleteIfEquals(key: string, expected: string): Promise<boolean>;
  /** replace only when the key holds `expected`; keeps the given ttl */
  setIfEquals(key: string, expected: string, value: string, ttlMs?: number): Promise<boolean>;
  /** INCR; the ttl is set when the key is created */
  incr(key: string, ttlMs: number): Promise<number>;
  /**
   * Writes in one round trip, applied in the given order (a later reader that sees one write sees
   * the writes before it). Each write is atomic; the batch is not a transaction. Resolves to
   * whether each write took effect (a conditional one may not; set and del always count).
   */
  apply(writes: StoreWrite[]): Promise<boolean[]>;
  /**
   * The start of a resident's turn in one atomic step: SET lock.key lock.token NX PX lock.ttlMs;
   * only when that succeeded, INCR counter.key (its ttl set on creation) and GET each of `reads`.
   * null while someone else holds the lock. All keys should share one hash tag.
   *
   * With `claim` (a delivery's dedupe record, DeliveryGate), the step first looks at it: present,
   * it takes nothing and answers 'claimed' (another delivery of the message has it); absent, it is
   * set (SET NX PX) together with the lock, never while the lock is held by someone else.
   */
  lockIncrGet(
    lock: { key: string; token: string; ttlMs: number },
    counter: { key: string; ttlMs: number },
    reads: string[],
    claim?: { key: string; value: string; ttlMs: number },
  ): Promise<{ count: number; values: (string | null)[] } | 'claimed' | null>;
  /** remaining ms; -1 no expiry; -2 missing */
  pttl(key: string): Promise<number>;
  /** sorted sets (quota ledger, timers, rate limits) */
  zadd(key: string, score: number, member: string, ttlMs?: number): Promise<void>;
  zrangeByScore(key: string, min: number, max: number, limit?: number): Promise<{ member: string; score: number }[]>;
  zremRangeByScore(key: string, min: number, max: number): Promise<number>;
  zrem(key: string, member: string): Promise<number>;
  zcount(key: string, min: number, max: number): Promise<number>;
  /** lists (small queues) */
  rpush(key: string, value: string, ttlMs?: number): Promise<number>;
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  /**
   * Removes the first `count` items of a list, only while `guard.key` holds `guard.expected` (a
   * queue's drainer still holds its lock: one whose lock expired mid-drain removes nothing).
   */
  dropHeadIfEquals(key: string, count: number, guard: { key: string; expected: string }): Promise<boolean>;
  /** publish to a channel; subscribe returns an unsubscribe function */
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
