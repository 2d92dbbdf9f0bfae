import type Router from '@koa/router';
import { channels } from '../../civic/index.js';
import { allow } from '../auth/access.js';
import { fileOnBehalf } from '../cases/file-on-behalf.js';
import { caseCreateBodySchema, routes } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { readBody, sendJson } from '../http.js';

/** GET /channels, POST /cases (新建事项: a case filed on a resident's behalf) */
export function mountIntakeRoutes(router: Router, deps: ConsoleDeps): void {
  router.get(routes.channels.path, async (ctx) => {
    allow(ctx, routes.channels);
    const c = channels();
    sendJson(ctx, { staff: [...c.staff], all: [...c.all] });
  });

  router.post(routes.caseCreate.path, async (ctx) => {
    const me = allow(ctx, routes.caseCreate);
    const body = await readBody(ctx, caseCreateBodySchema);
    sendJson(ctx, await fileOnBehalf(deps, me, body));
  });
}
