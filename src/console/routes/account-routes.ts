import type Router from '@koa/router';
import { eq } from 'drizzle-orm';
import type Koa from 'koa';
import { staffUsers } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { writeAudit } from '../audit.js';
import { allow } from '../auth/access.js';
import { deviceFor, issueDevice } from '../auth/device-cookie.js';
import { checkLogin } from '../auth/login.js';
import { LoginThrottled } from '../auth/login-throttle.js';
import { hashPassword, verifyPassword } from '../auth/password.js';
import { assertStrongPassword } from '../auth/password-strength.js';
import { scopeKindOf } from '../auth/policy.js';
import { toPrincipal, type ConsoleState, type StaffPrincipal } from '../auth/principal.js';
import { clearSessionCookie, createSession, destroySession, setSessionCookie } from '../auth/session.js';
import { loginBodySchema, passwordBodySchema, permissionsOf, routes, type SessionResponse } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { readBody, sendJson } from '../http.js';
import { findStaff } from '../staff.js';

/** the user with their scope and permissions from the policy table; with the map's tile source when one is configured (the SPA then shows the case's pin) */
function sessionResponse(me: StaffPrincipal, csrfToken: string, config: ConsoleDeps['config']): SessionResponse {
  return {
    user: { ...me, scope: scopeKindOf(me), can: permissionsOf(me.role) },
    csrfToken,
    idleTimeoutSeconds: Math.round(config.sessionIdleMs / 1000),
    ...(config.map ? { map: config.map } : {}),
  };
}

/** a fresh session for a user: cookie set, answer with the CSRF token */
async function startSession(ctx: Koa.Context, deps: ConsoleDeps, user: typeof staffUsers.$inferSelect): Promise<void> {
  const old = (ctx.state as ConsoleState).session;
  if (old) await destroySession(deps.store, old.sid);
  const { sid, record } = await createSession(deps.store, {
    userId: user.id,
    passwordHash: user.passwordHash,
    now: deps.now().getTime(),
    idleMs: deps.config.sessionIdleMs,
  });
  setSessionCookie(ctx, sid, deps.config);
  sendJson(ctx, sessionResponse(toPrincipal(user), record.csrf, deps.config));
}

/** POST /login, POST /logout, GET /me, POST /password */
export function mountAccountRoutes(router: Router, deps: ConsoleDeps): void {
  router.post(routes.login.path, async (ctx) => {
    const body = await readBody(ctx, loginBodySchema);
    const device = await deviceFor(ctx, deps.store, body.username);
    let user: typeof staffUsers.$inferSelect;
    try {
      user = await checkLogin(deps, { username: body.username, password: body.password, ip: ctx.ip, ...(device ? { device } : {}) });
    } catch (e) {
      if (e instanceof LoginThrottled) ctx.set('Retry-After', String(e.seconds));
      throw e;
    }
    await startSession(ctx, deps, user);
    // after the session cookie, which clients read first
    await issueDevice(ctx, deps.store, deps.config, { username: user.username, ...(device ? { previous: device } : {}) });
  });

  router.post(routes.logout.path, async (ctx) => {
    const me = allow(ctx, routes.logout);
    const session = (ctx.state as ConsoleState).session!;
    await destroySession(deps.store, session.sid);
    clearSessionCookie(ctx, deps.config);
    await writeAudit(deps.db, { staffId: me.id, action: 'auth.logout', target: `staff:${me.id}`, at: deps.now() });
    sendJson(ctx, { ok: true });
  });

  router.get(routes.me.path, async (ctx) => {
    const me = allow(ctx, routes.me);
    sendJson(ctx, sessionResponse(me, (ctx.state as ConsoleState).session!.csrf, deps.config));
  });

  router.post(routes.password.path, async (ctx) => {
    const me = allow(ctx, routes.password);
    const body = await readBody(ctx, passwordBodySchema);
    const user = await findStaff(deps.db, me.id);
    if (!user) throw new AppError('unauthorized', '请先登录', { reason: 'no_session' });
    const now = deps.now();
    if (!(await verifyPassword(user.passwordHash, body.currentPassword))) {
      await writeAudit(deps.db, { staffId: me.id, action: 'auth.password_change_failed', target: `staff:${me.id}`, at: now });
      throw new AppError('bad_request', '当前密码不正确', { reason: 'bad_current_password' });
    }
    if (body.newPassword === body.currentPassword)
      throw new AppError('bad_request', '新密码不能与当前密码相同', { reason: 'same_password' });
    assertStrongPassword(body.newPassword, [user.username, user.displayName, user.publicName]);
    const passwordHash = await hashPassword(body.newPassword, deps.config.argon2);
    const [updated] = await deps.db
      .update(staffUsers)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null })
      .where(eq(staffUsers.id, me.id))
      .returning();
    // the hash changed, so every other session of this user stops working (authenticate.ts)
    await writeAudit(deps.db, { staffId: me.id, action: 'auth.password_changed', target: `staff:${me.id}`, at: now });
    await startSession(ctx, deps, updated!);
  });
}
