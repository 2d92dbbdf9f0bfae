import { createHash, randomBytes } from 'node:crypto';
import type Koa from 'koa';
import type { StateStore } from '../../state/store.js';
import type { ConsoleConfig } from '../config.js';
import { API_BASE } from '../contract.js';
import { consoleKeys } from '../keys.js';

/**
 * OWASP's "device cookie": a browser where a user once logged in successfully carries a random
 * token that names that user, so while someone hammers the name from elsewhere (and earns it a
 * delay, login-throttle.ts), the real user's own browser still logs in at once. The token is kept
 * server-side under its hash (a copy of the store holds no usable cookie) and only proves "this
 * browser logged in as this name before"; it is no session and grants nothing by itself. A token
 * that sees `deviceMaxFailures` wrong passwords is dropped, so a stolen one is not a way around
 * the delay. It is sent to the login route only.
 */
export const DEVICE_COOKIE = 'msw_device';
const LOGIN_PATH = `${API_BASE}/login`;

const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');
const nameKey = (username: string) => username.trim().toLowerCase();

/** the hash of this request's device token when it names `username`; undefined otherwise */
export async function deviceFor(ctx: Koa.Context, store: StateStore, username: string): Promise<string | undefined> {
  const token = ctx.cookies.get(DEVICE_COOKIE);
  if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const hash = hashOf(token);
  return (await store.get(consoleKeys.device(hash))) === nameKey(username) ? hash : undefined;
}

/** a wrong password through a device token; the token is dropped after too many */
export async function countDeviceFailure(store: StateStore, limits: ConsoleConfig['login'], hash: string): Promise<void> {
  const failures = await store.incr(consoleKeys.deviceFailures(hash), limits.deviceMaxAgeMs);
  if (failures >= limits.deviceMaxFailures) await store.del(consoleKeys.device(hash), consoleKeys.deviceFailures(hash));
}

/** after a successful login: a fresh token for this browser and name (the old one, if any, ends) */
export async function issueDevice(
  ctx: Koa.Context,
  store: StateStore,
  cfg: Pick<ConsoleConfig, 'publicUrl' | 'login'>,
  o: { username: string; previous?: string },
): Promise<void> {
  if (o.previous) await store.del(consoleKeys.device(o.previous), consoleKeys.deviceFailures(o.previous));
  const token = randomBytes(32).toString('base64url');
  await store.set(consoleKeys.device(hashOf(token)), nameKey(o.username), cfg.login.deviceMaxAgeMs);
  const parts = [
    `${DEVICE_COOKIE}=${token}`,
    `Path=${LOGIN_PATH}`,
    `Max-Age=${Math.floor(cfg.login.deviceMaxAgeMs / 1000)}`,
    'HttpOnly',
    'SameSite=Strict',
  ];
  if (cfg.publicUrl.startsWith('https://')) parts.push('Secure');
  ctx.append('Set-Cookie', parts.join('; '));
}
