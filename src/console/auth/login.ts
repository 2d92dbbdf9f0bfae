import { eq } from 'drizzle-orm';
import { staffUsers } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { writeAudit } from '../audit.js';
import type { ConsoleDeps } from '../deps.js';
import { countDeviceFailure } from './device-cookie.js';
import { assertMayTry, clearName, countAddressFailure, countNameFailure, LoginThrottled } from './login-throttle.js';
import { burnVerify, verifyPassword } from './password.js';
import type { StaffRow } from './principal.js';

const wrong = () => new AppError('unauthorized', '用户名或密码错误', { reason: 'bad_credentials' });
const nameTarget = (username: string) => `username:${username.slice(0, 64)}`;

/**
 * Checks a username and password, with two brakes (login-throttle.ts), both in the state store:
 * - per client address (as the trusted proxies saw it, app.ts): after `ipMaxFailures` failures
 *   within `ipWindowMs` every attempt is 429 until the window ends;
 * - per username: after `userFreeFailures` failures each further attempt waits 2^k seconds, capped,
 *   and is refused unchecked before then. Never a lock: the real user waits at most the cap, and
 *   not at all from a browser holding their device cookie (`device`, device-cookie.ts).
 * An unknown name gets exactly what a real one with a wrong password gets: the same argon2 work,
 * the same counters, the same answers. Every attempt is audited with the client address.
 */
export async function checkLogin(
  deps: ConsoleDeps,
  o: { username: string; password: string; ip: string; /** hash of a device token naming this user */ device?: string },
): Promise<StaffRow> {
  const { db, store, config } = deps;
  const limits = config.login;
  const now = deps.now();
  try {
    await assertMayTry(store, limits, { ip: o.ip, username: o.username, skipUser: o.device !== undefined });
  } catch (e) {
    if (e instanceof LoginThrottled) {
      await countAddressFailure(store, limits, o.ip);
      await writeAudit(db, { staffId: null, action: 'auth.login_throttled', target: nameTarget(o.username), after: { reason: e.reason, ip: o.ip }, at: now });
    }
    throw e;
  }
  const failed = async () => {
    await countAddressFailure(store, limits, o.ip);
    if (o.device) await countDeviceFailure(store, limits, o.device);
    else await countNameFailure(store, limits, o.username);
  };

  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.username, o.username));
  if (!user) {
    await burnVerify(o.password, config.argon2);
    await failed();
    await writeAudit(db, { staffId: null, action: 'auth.login_failed', target: nameTarget(o.username), after: { reason: 'unknown_user', ip: o.ip }, at: now });
    throw wrong();
  }
  if (!(await verifyPassword(user.passwordHash, o.password))) {
    await failed();
    await writeAudit(db, { staffId: user.id, action: 'auth.login_failed', target: `staff:${user.id}`, after: { reason: 'bad_password', ip: o.ip, ...(o.device ? { device: true } : {}) }, at: now });
    throw wrong();
  }
  if (user.disabled) {
    await writeAudit(db, { staffId: user.id, action: 'auth.login_failed', target: `staff:${user.id}`, after: { reason: 'disabled', ip: o.ip }, at: now });
    throw new AppError('forbidden', '账号已停用，请联系管理员', { reason: 'disabled' });
  }
  // through a device cookie the name's count stays: whoever hammers it keeps waiting
  if (!o.device) await clearName(store, o.username);
  // failed_logins / locked_until belong to the hard lock this replaced: a row an old version locked is freed
  if (user.failedLogins !== 0 || user.lockedUntil)
    await db.update(staffUsers).set({ failedLogins: 0, lockedUntil: null }).where(eq(staffUsers.id, user.id));
  await writeAudit(db, { staffId: user.id, action: 'auth.login', target: `staff:${user.id}`, after: { ip: o.ip, ...(o.device ? { device: true } : {}) }, at: now });
  return user;
}
