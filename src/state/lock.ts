import { randomUUID } from 'node:crypto';
import type { StateStore } from './store.js';

export class LockTimeoutError extends Error {
  constructor(readonly key: string) {
    super(`could not acquire lock ${key}`);
    this.name = 'LockTimeoutError';
  }
}

export interface LockOptions {
  /** how long the lock lives if its holder dies */
  ttlMs: number;
  /** how long to wait for it */
  waitMs: number;
  /** poll interval while waiting */
  retryMs?: number;
}

/**
 * Runs fn while holding a store-wide lock (SET NX PX + compare-and-delete). Works across
 * instances on Redis and within one process on the memory store.
 */
export async function withLock<T>(store: StateStore, key: string, opts: LockOptions, fn: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  const deadline = Date.now() + opts.waitMs;
  const retry = opts.retryMs ?? 10;
  for (;;) {
    if (await store.setIfAbsent(key, token, opts.ttlMs)) break;
    if (Date.now() >= deadline) throw new LockTimeoutError(key);
    await new Promise((r) => setTimeout(r, retry));
  }
  try {
    return await fn();
  } finally {
    await store.deleteIfEquals(key, token).catch(() => {});
  }
}

/**
 * Takes a lock the way withLock does (retrying until waitMs), in the same atomic step counting
 * `counter` and reading `reads` (StateStore.lockIncrGet): one round trip when the lock is free.
 * With `claim`, a delivery's dedupe record is taken in that step too: 'claimed' when another
 * delivery has it. The caller releases the lock with deleteIfEquals(key, token), alone or in a
 * batch (StateStore.apply).
 */
export async function lockIncrGet(
  store: StateStore,
  key: string,
  opts: LockOptions,
  counter: { key: string; ttlMs: number },
  reads: string[],
  claim?: { key: string; value: string; ttlMs: number },
): Promise<{ token: string; count: number; values: (string | null)[] } | 'claimed'> {
  const token = randomUUID();
  const deadline = Date.now() + opts.waitMs;
  const retry = opts.retryMs ?? 10;
  for (;;) {
    const got = await store.lockIncrGet({ key, token, ttlMs: opts.ttlMs }, counter, reads, claim);
    if (got === 'claimed') return got;
    if (got) return { token, ...got };
    if (Date.now() >= deadline) throw new LockTimeoutError(key);
    await new Promise((r) => setTimeout(r, retry));
  }
}
