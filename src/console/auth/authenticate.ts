import { eq } from 'drizzle-orm';
import type Koa from 'koa';
import { staffUsers } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { API_BASE, CSRF_HEADER } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { toPrincipal, type ConsoleState } from './principal.js';
import { csrfMatches, destroySession, passwordFingerprint, readSession, sessionCookie } from './session.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Puts the logged-in staff user on ctx.state (or nobody), then checks CSRF on every
 * state-changing request: the X-CSRF-Token header must equal the token bound to the session
 * (a synchronizer token kept server-side, not a double-submit cookie: the session cookie is
 * HttpOnly and SameSite=Strict, and the token reaches the SPA only in JSON answers that another
 * origin cannot read). The user row is read on every request, so disabling an account or
 * changing its password takes effect at once.
 */
export function authenticate(deps: ConsoleDeps): Koa.Middleware {
  return async (ctx, next) => {
    const state = ctx.state as ConsoleState;
    const sid = sessionCookie(ctx);
    if (sid) {
      const { sessionIdleMs: idleMs, sessionMaxMs: maxMs } = deps.config;
      const record = await readSession(deps.store, sid, { now: deps.now().getTime(), idleMs, maxMs });
      if (record) {
        const [user] = await deps.db.select().from(staffUsers).where(eq(staffUsers.id, record.userId));
        if (user && !user.disabled && passwordFingerprint(user.passwordHash) === record.pw) {
          state.staff = toPrincipal(user);
          state.session = { ...record, sid };
        } else {
          await destroySession(deps.store, sid);
        }
      }
    }
    if (!SAFE_METHODS.has(ctx.method) && ctx.path !== `${API_BASE}/login` && state.session) {
      if (!csrfMatches(state.session.csrf, ctx.get(CSRF_HEADER) || undefined))
        throw new AppError('forbidden', '页面已过期，请刷新后重试（CSRF 校验失败）', { reason: 'csrf' });
    }
    await next();
  };
}
