import { randomBytes } from 'node:crypto';
import { MemoryStore } from '../../src/state/memory-store.js';
import { RedisStore } from '../../src/state/redis-store.js';
import type { StateStore } from '../../src/state/store.js';
import { TEST_REDIS_URL } from './servers.js';

export type StoreKind = 'memory' | 'redis';
export const STORE_KINDS: StoreKind[] = ['memory', 'redis'];

/** A state store of the given kind; Redis stores get a unique key prefix so test files never collide. */
export function openTestStore(kind: StoreKind, prefix = `t:${randomBytes(4).toString('hex')}:`): StateStore {
  return kind === 'memory' ? new MemoryStore() : new RedisStore(TEST_REDIS_URL, {}, prefix);
}

/** Two Redis stores sharing one prefix: two app instances on one Redis. */
export function openSharedRedisStores(): [StateStore, StateStore] {
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  return [new RedisStore(TEST_REDIS_URL, {}, prefix), new RedisStore(TEST_REDIS_URL, {}, prefix)];
}
