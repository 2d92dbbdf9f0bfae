import type Router from '@koa/router';
import { allow } from '../auth/access.js';
import { deadlines } from '../cases/deadlines.js';
import { caseInScope } from '../cases/scope.js';
import { superviseCaseAction } from '../cases/supervise.js';
import { dashboardQuerySchema, deadlinesQuerySchema, routes, superviseBodySchema } from '../contract.js';
import { dashboard } from '../dashboard/dashboard.js';
import type { ConsoleDeps } from '../deps.js';
import { pathId, readBody, readQuery, sendJson } from '../http.js';

/** GET /deadlines (督办), POST /cases/:id/supervise (督办 one case) and GET /dashboard */
export function mountReportRoutes(router: Router, deps: ConsoleDeps): void {
  router.get(routes.deadlines.path, async (ctx) => {
    const me = allow(ctx, routes.deadlines);
    sendJson(ctx, await deadlines(deps, me, readQuery(ctx, deadlinesQuerySchema)));
  });

  router.post(routes.caseSupervise.path, async (ctx) => {
    const me = allow(ctx, routes.caseSupervise);
    // scope before the body: an out-of-scope user learns nothing from a validation message (checked again inside)
    const row = await caseInScope(deps.db, me, pathId(ctx.params.id, '事项'));
    const body = await readBody(ctx, superviseBodySchema);
    sendJson(ctx, await superviseCaseAction(deps, me, row.id, body));
  });

  router.get(routes.dashboard.path, async (ctx) => {
    const me = allow(ctx, routes.dashboard);
    sendJson(ctx, await dashboard(deps, me, readQuery(ctx, dashboardQuerySchema)));
  });
}
