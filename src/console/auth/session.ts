import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type Koa from 'koa';
import { z } from 'zod';
import type { StateStore } from '../../state/store.js';
import type { ConsoleConfig } from '../config.js';
import { API_BASE, SESSION_COOKIE } from '../contract.js';
import { consoleKeys } from '../keys.js';
import type { SessionRecord } from './principal.js';

const recordSchema = z.object({ userId: z.number().int(), csrf: z.string(), pw: z.string(), createdAt: z.number() });

/** a short fingerprint of a password hash: sessions made before a password change stop working */
export const passwordFingerprint = (passwordHash: string): string =>
  createHash('sha256').update(passwordHash).digest('base64url').slice(0, 16);

const token = () => randomBytes(32).toString('base64url');

/**
 * Sessions live in the state store (so every instance sees them) under the hash of their id, with
 * an idle expiry that each request renews, and an absolute lifetime from login.
 */
export async function createSession(
  store: StateStore,
  o: { userId: number; passwordHash: string; now: number; idleMs: number },
): Promise<{ sid: string; record: SessionRecord }> {
  const sid = token();
  const record: SessionRecord = { userId: o.userId, csrf: token(), pw: passwordFingerprint(o.passwordHash), createdAt: o.now };
  await store.set(consoleKeys.session(sid), JSON.stringify(record), o.idleMs);
  return { sid, record };
}

/** the live session of a cookie value, renewed; undefined when unknown, idle too long or too old */
export async function readSession(
  store: StateStore,
  sid: string,
  o: { now: number; idleMs: number; maxMs: number },
): Promise<SessionRecord | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(sid)) return undefined;
  const key = consoleKeys.session(sid);
  const raw = await store.get(key);
  if (raw === null) return undefined;
  let parsed: z.ZodSafeParseResult<SessionRecord>;
  try {
    parsed = recordSchema.safeParse(JSON.parse(raw));
  } catch {
    return undefined;
  }
  if (!parsed.success || o.now - parsed.data.createdAt > o.maxMs) {
    await store.del(key);
    return undefined;
  }
  // sliding idle expiry; only when the value is unchanged (a logout in between wins)
  await store.setIfEquals(key, raw, raw, o.idleMs);
  return parsed.data;
}

export async function destroySession(store: StateStore, sid: string): Promise<void> {
  await store.del(consoleKeys.session(sid));
}

/** constant-time comparison of the X-CSRF-Token header with the session's token */
export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

const secureFor = (cfg: Pick<ConsoleConfig, 'publicUrl'>) => cfg.publicUrl.startsWith('https://');

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends
 * it), Path=/api/console, Secure when the service is served over https. No Max-Age: it ends with
 * the browser, and the server-side idle expiry ends it sooner. Written by hand so Secure does not
 * depend on how the TLS proxy reports the scheme.
 */
export function setSessionCookie(ctx: Koa.Context, sid: string, cfg: Pick<ConsoleConfig, 'publicUrl'>): void {
  const parts = [`${SESSION_COOKIE}=${sid}`, `Path=${API_BASE}`, 'HttpOnly', 'SameSite=Strict'];
  if (secureFor(cfg)) parts.push('Secure');
  ctx.append('Set-Cookie', parts.join('; '));
}

export function clearSessionCookie(ctx: Koa.Context, cfg: Pick<ConsoleConfig, 'publicUrl'>): void {
  const parts = [`${SESSION_COOKIE}=`, `Path=${API_BASE}`, 'HttpOnly', 'SameSite=Strict', 'Max-Age=0'];
  if (secureFor(cfg)) parts.push('Secure');
  ctx.append('Set-Cookie', parts.join('; '));
}

export function sessionCookie(ctx: Koa.Context): string | undefined {
  return ctx.cookies.get(SESSION_COOKIE) || undefined;
}
