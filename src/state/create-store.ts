import { MemoryStore } from './memory-store.js';
import { RedisStore } from './redis-store.js';
import type { StateStore } from './store.js';

/** REDIS_URL set: Redis; absent: the in-process store (one process only). */
export function createStore(redisUrl: string | undefined, prefix = ''): StateStore {
  return redisUrl ? new RedisStore(redisUrl, {}, prefix) : new MemoryStore();
}
