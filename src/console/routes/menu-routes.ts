import type Router from '@koa/router';
import { allow } from '../auth/access.js';
import { menuSaveBodySchema, routes } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { pathId, readBody, sendJson } from '../http.js';
import { menuState } from '../menu/menu-state.js';
import { publishMenu } from '../menu/publish-menu.js';
import { saveMenu } from '../menu/save-menu.js';

/** the official account's menu (admin): its versions, saving one, publishing one to WeChat */
export function mountMenuRoutes(router: Router, deps: ConsoleDeps): void {
  router.get(routes.menuState.path, async (ctx) => {
    allow(ctx, routes.menuState);
    sendJson(ctx, await menuState(deps));
  });

  router.post(routes.menuSave.path, async (ctx) => {
    const me = allow(ctx, routes.menuSave);
    const body = await readBody(ctx, menuSaveBodySchema);
    sendJson(ctx, await saveMenu(deps, me, body), 201);
  });

  router.post(routes.menuPublish.path, async (ctx) => {
    const me = allow(ctx, routes.menuPublish);
    sendJson(ctx, await publishMenu(deps, me, pathId(ctx.params.id, '菜单版本')));
  });
}
