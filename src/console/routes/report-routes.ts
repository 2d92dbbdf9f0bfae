import type Router from '@koa/router';
import { allow } from '../auth/access.js';
import { deadlines } from '../cases/deadlines.js';
import { dashboardQuerySchema, deadlinesQuerySchema, routes } from '../contract.js';
import { dashboard } from '../dashboard/dashboard.js';
import type { ConsoleDeps } from '../deps.js';
import { readQuery, sendJson } from '../http.js';

/** GET /deadlines (督办) and GET /dashboard */
export function mountReportRoutes(router: Router, deps: ConsoleDeps): void {
  router.get(routes.deadlines.path, async (ctx) => {
    const me = allow(ctx, routes.deadlines);
    sendJson(ctx, await deadlines(deps, me, readQuery(ctx, deadlinesQuerySchema)));
  });

  router.get(routes.dashboard.path, async (ctx) => {
    const me = allow(ctx, routes.dashboard);
    sendJson(ctx, await dashboard(deps, me, readQuery(ctx, dashboardQuerySchema)));
  });
}
