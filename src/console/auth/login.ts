import { eq, sql } from 'drizzle-orm';
import { staffUsers } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { writeAudit } from '../audit.js';
import type { ConsoleDeps } from '../deps.js';
import { consoleKeys } from '../keys.js';
import { burnVerify, verifyPassword } from './password.js';
import type { StaffRow } from './principal.js';

const wrong = () => new AppError('unauthorized', '用户名或密码错误', { reason: 'bad_credentials' });
const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

/**
 * Checks a username and password, with two brakes:
 * - per IP address: after `ipMaxFailures` failures within `ipWindowMs` (a counter in the state
 *   store, shared by every instance) every attempt is 429 until the window ends;
 * - per account: `maxFailures` wrong passwords in a row lock it for `lockMs` (failed_logins,
 *   locked_until); while locked the password is not even checked, so guessing goes nowhere.
 * An unknown name costs the same argon2 work as a wrong password. Every attempt is audited.
 */
export async function checkLogin(deps: ConsoleDeps, o: { username: string; password: string; ip: string }): Promise<StaffRow> {
  const { db, store, config } = deps;
  const now = deps.now();
  const ipKey = consoleKeys.loginIp(o.ip);
  if (Number((await store.get(ipKey)) ?? 0) >= config.login.ipMaxFailures)
    throw new AppError('rate_limited', '登录尝试过于频繁，请稍后再试', { reason: 'ip_throttled' });
  const failIp = () => store.incr(ipKey, config.login.ipWindowMs);

  const [user] = await db.select().from(staffUsers).where(eq(staffUsers.username, o.username));
  if (!user) {
    await burnVerify(o.password, config.argon2);
    await failIp();
    await writeAudit(db, { staffId: null, action: 'auth.login_failed', target: `username:${o.username.slice(0, 64)}`, after: { reason: 'unknown_user', ip: o.ip }, at: now });
    throw wrong();
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await failIp();
    await writeAudit(db, { staffId: user.id, action: 'auth.login_locked', target: `staff:${user.id}`, after: { ip: o.ip }, at: now });
    throw new AppError('rate_limited', `密码错误次数过多，账号已锁定，请 ${minutes(user.lockedUntil.getTime() - now.getTime())} 分钟后再试`, { reason: 'locked' });
  }
  if (!(await verifyPassword(user.passwordHash, o.password))) {
    await failIp();
    const [after] = await db
      .update(staffUsers)
      .set({ failedLogins: sql`${staffUsers.failedLogins} + 1` })
      .where(eq(staffUsers.id, user.id))
      .returning({ failedLogins: staffUsers.failedLogins });
    const failures = after?.failedLogins ?? 0;
    if (failures >= config.login.maxFailures) {
      const lockedUntil = new Date(now.getTime() + config.login.lockMs);
      await db.update(staffUsers).set({ failedLogins: 0, lockedUntil }).where(eq(staffUsers.id, user.id));
      await writeAudit(db, { staffId: user.id, action: 'auth.locked', target: `staff:${user.id}`, after: { lockedUntil, ip: o.ip }, at: now });
      throw new AppError('rate_limited', `密码错误次数过多，账号已锁定 ${minutes(config.login.lockMs)} 分钟`, { reason: 'locked' });
    }
    await writeAudit(db, { staffId: user.id, action: 'auth.login_failed', target: `staff:${user.id}`, after: { reason: 'bad_password', failures, ip: o.ip }, at: now });
    throw wrong();
  }
  if (user.disabled) {
    await writeAudit(db, { staffId: user.id, action: 'auth.login_failed', target: `staff:${user.id}`, after: { reason: 'disabled', ip: o.ip }, at: now });
    throw new AppError('forbidden', '账号已停用，请联系管理员', { reason: 'disabled' });
  }
  if (user.failedLogins !== 0 || user.lockedUntil)
    await db.update(staffUsers).set({ failedLogins: 0, lockedUntil: null }).where(eq(staffUsers.id, user.id));
  await writeAudit(db, { staffId: user.id, action: 'auth.login', target: `staff:${user.id}`, after: { ip: o.ip }, at: now });
  return user;
}
