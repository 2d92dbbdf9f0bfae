import type Router from '@koa/router';
import { inArray } from 'drizzle-orm';
import { streets } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { createKey, listKeys, OPEN311_BASE, revokeKey, type Open311Key } from '../../open311/index.js';
import { allow } from '../auth/access.js';
import { routes } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { isoOrNull, pathId, readBody, sendJson } from '../http.js';

const toWire = (k: Open311Key) => ({
  id: k.id,
  name: k.name,
  streetIds: k.streetIds,
  createdAt: k.createdAt.toISOString(),
  createdBy: k.createdBy,
  revokedAt: isoOrNull(k.revokedAt),
});

/** Open311 接口密钥: the list, a new key (shown once, only its hash kept), revoking one; each audited (src/open311/keys.ts) */
export function mountOpen311KeyRoutes(router: Router, deps: ConsoleDeps): void {
  const { db } = deps;
  const endpoint = `${deps.config.publicUrl.replace(/\/+$/, '')}${OPEN311_BASE}`;

  router.get(routes.open311KeyList.path, async (ctx) => {
    allow(ctx, routes.open311KeyList);
    sendJson(ctx, { items: (await listKeys(db)).map(toWire), endpoint });
  });

  router.post(routes.open311KeyCreate.path, async (ctx) => {
    const me = allow(ctx, routes.open311KeyCreate);
    const body = await readBody(ctx, routes.open311KeyCreate.body);
    const wanted = [...new Set(body.streetIds ?? [])];
    if (wanted.length) {
      const known = new Set((await db.select({ id: streets.id }).from(streets).where(inArray(streets.id, wanted))).map((s) => s.id));
      const unknown = wanted.filter((s) => !known.has(s));
      if (unknown.length) throw new AppError('bad_request', `没有这个街道：${unknown.join('、')}`, { reason: 'unknown_street' });
    }
    const { key, row } = await createKey(db, { name: body.name, ...(wanted.length ? { streetIds: wanted } : {}) }, { staffId: me.id, now: deps.now() });
    sendJson(ctx, { key, item: toWire(row) }, 201);
  });

  router.post(routes.open311KeyRevoke.path, async (ctx) => {
    const me = allow(ctx, routes.open311KeyRevoke);
    const id = pathId(ctx.params.id, '接口密钥');
    sendJson(ctx, toWire(await revokeKey(db, id, { staffId: me.id, now: deps.now() })));
  });
}
