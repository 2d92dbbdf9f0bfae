import type Router from '@koa/router';
import { eq } from 'drizzle-orm';
import { categoriesOf, listCommunities } from '../../civic/index.js';
import { staffUsers } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { writeAudit } from '../audit.js';
import { allow, communityIdsInScope } from '../auth/access.js';
import { clearName } from '../auth/login-throttle.js';
import { hashPassword } from '../auth/password.js';
import { assertStrongPassword } from '../auth/password-strength.js';
import { scopeOf } from '../auth/policy.js';
import { routes, staffCreateBodySchema, staffListQuerySchema, staffUpdateBodySchema } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { pathId, readBody, readQuery, sendJson } from '../http.js';
import { createStaffUser, findStaff, listStaff, toStaffUser } from '../staff.js';

/** GET /scope, GET /staff, POST /staff, PATCH /staff/:id */
export function mountStaffRoutes(router: Router, deps: ConsoleDeps): void {
  const { db } = deps;

  router.get(routes.scope.path, async (ctx) => {
    const me = allow(ctx, routes.scope);
    const visible = await communityIdsInScope(db, me);
    const s = scopeOf(me);
    const all = await listCommunities(db, s.kind === 'street' ? s.streetId : undefined);
    const streets = new Map<string, { id: string; name: string; district: string; communities: { id: string; name: string }[] }>();
    for (const c of all) {
      if (visible && !visible.has(c.id)) continue;
      const s = streets.get(c.streetId) ?? { id: c.streetId, name: c.streetName, district: c.district, communities: [] };
      s.communities.push({ id: c.id, name: c.name });
      streets.set(c.streetId, s);
    }
    const categories = categoriesOf(deps.config).list.map((c) => ({ id: c.id, name: c.name, dueWorkingDays: c.dueWorkingDays }));
    sendJson(ctx, { streets: [...streets.values()], categories });
  });

  router.get(routes.staffList.path, async (ctx) => {
    const me = allow(ctx, routes.staffList);
    const q = readQuery(ctx, staffListQuerySchema);
    const rows = await listStaff(db, me, { assignable: q.assignable ?? false });
    const now = deps.now();
    sendJson(ctx, { items: rows.map((u) => toStaffUser(u, now)) });
  });

  router.post(routes.staffCreate.path, async (ctx) => {
    const me = allow(ctx, routes.staffCreate);
    const body = await readBody(ctx, staffCreateBodySchema);
    assertStrongPassword(body.password, [body.username, body.displayName, body.publicName]);
    const row = await createStaffUser(db, body, deps.config.argon2);
    const now = deps.now();
    const user = toStaffUser(row, now);
    await writeAudit(db, { staffId: me.id, action: 'staff.create', target: `staff:${row.id}`, after: user, at: now });
    sendJson(ctx, user, 201);
  });

  router.patch(routes.staffUpdate.path, async (ctx) => {
    const me = allow(ctx, routes.staffUpdate);
    const id = pathId(ctx.params.id, '账号');
    const body = await readBody(ctx, staffUpdateBodySchema);
    const before = await findStaff(db, id);
    if (!before) throw new AppError('not_found', '没有这个账号', { reason: 'unknown_staff' });
    if (id === me.id && body.disabled) throw new AppError('bad_request', '不能停用自己的账号', { reason: 'self_disable' });
    if (body.password !== undefined) assertStrongPassword(body.password, [before.username, body.displayName ?? before.displayName, body.publicName ?? before.publicName]);
    const now = deps.now();
    const [row] = await db
      .update(staffUsers)
      .set({
        ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
        ...(body.publicName !== undefined ? { publicName: body.publicName } : {}),
        ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
        ...(body.password !== undefined ? { passwordHash: await hashPassword(body.password, deps.config.argon2) } : {}),
        ...(body.unlock || body.password !== undefined ? { failedLogins: 0, lockedUntil: null } : {}),
      })
      .where(eq(staffUsers.id, id))
      .returning();
    // 解除锁定 also ends the login delay the name has earned (login-throttle.ts)
    if (body.unlock || body.password !== undefined) await clearName(deps.store, before.username);
    const after = toStaffUser(row!, now);
    await writeAudit(db, {
      staffId: me.id,
      action: 'staff.update',
      target: `staff:${id}`,
      before: toStaffUser(before, now),
      after: { ...after, ...(body.password !== undefined ? { passwordReset: true } : {}) },
      at: now,
    });
    sendJson(ctx, after);
  });
}
