import { AppError } from '../../errors.js';
import type { StateStore } from '../../state/store.js';
import type { ConsoleConfig } from '../config.js';
import { consoleKeys } from '../keys.js';

/** a login refused before the password is checked; the route sends Retry-After */
export class LoginThrottled extends AppError {
  constructor(
    readonly seconds: number,
    reason: 'ip_throttled' | 'user_throttled',
  ) {
    super('rate_limited', `登录尝试过于频繁，请 ${waitText(seconds)}后再试`, { reason });
    this.name = 'LoginThrottled';
  }
}

const waitText = (seconds: number) => (seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`);

type Limits = ConsoleConfig['login'];

/**
 * The per-username brake is keyed by the name as typed (lower-cased), whether or not such an
 * account exists, so its answers are the same for a real name and an unknown one: nobody learns
 * which names exist. It is a delay, never a lock: the first `userFreeFailures` failures cost
 * nothing; after that each further attempt must wait 2^k seconds (k = failures beyond the free
 * ones, from 0), at most `userMaxDelayMs`. So an attacker hammering a name gets a handful of
 * guesses an hour, and the real user is kept waiting at most that long (or not at all with a
 * device cookie, see device-cookie.ts). The counters live in the state store, shared by every
 * instance, like the per-address one.
 */
const userKey = (username: string) => username.trim().toLowerCase();

/** the delay after the nth failure of a name (0 while the free failures last) */
export function delayAfter(failures: number, limits: Limits): number {
  const k = failures - limits.userFreeFailures;
  if (k < 0) return 0;
  return Math.min(2 ** Math.min(k, 40) * 1000, limits.userMaxDelayMs);
}

/** throws LoginThrottled while this address has failed too often or this name must still wait */
export async function assertMayTry(store: StateStore, limits: Limits, o: { ip: string; username: string; skipUser: boolean }): Promise<void> {
  const ipKey = consoleKeys.loginIp(o.ip);
  if (Number((await store.get(ipKey)) ?? 0) >= limits.ipMaxFailures) {
    const left = await store.pttl(ipKey);
    throw new LoginThrottled(Math.max(1, Math.ceil((left > 0 ? left : limits.ipWindowMs) / 1000)), 'ip_throttled');
  }
  if (o.skipUser) return;
  const left = await store.pttl(consoleKeys.loginWait(userKey(o.username)));
  if (left > 0) throw new LoginThrottled(Math.ceil(left / 1000), 'user_throttled');
}

/** a refused or failed attempt counts against the address */
export async function countAddressFailure(store: StateStore, limits: Limits, ip: string): Promise<void> {
  await store.incr(consoleKeys.loginIp(ip), limits.ipWindowMs);
}

/** a wrong password (or unknown name) counts against the name; returns the delay it now has */
export async function countNameFailure(store: StateStore, limits: Limits, username: string): Promise<number> {
  const key = userKey(username);
  const failures = await store.incr(consoleKeys.loginFailures(key), limits.userWindowMs);
  const delay = delayAfter(failures, limits);
  if (delay > 0) await store.set(consoleKeys.loginWait(key), String(failures), delay);
  return delay;
}

/** a successful login clears the name's count */
export async function clearName(store: StateStore, username: string): Promise<void> {
  const key = userKey(username);
  await store.del(consoleKeys.loginFailures(key), consoleKeys.loginWait(key));
}
