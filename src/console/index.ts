import Router from '@koa/router';
import type Koa from 'koa';
import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';
import type { MediaStore } from '../media/media-store.js';
import type { StateStore } from '../state/store.js';
import type { WechatApi } from '../wechat/api/index.js';
import { authenticate } from './auth/authenticate.js';
import type { ConsoleConfig } from './config.js';
import { API_BASE } from './contract.js';
import type { ConsoleDeps } from './deps.js';
import { mountAccountRoutes } from './routes/account-routes.js';
import { mountAdminRoutes } from './routes/admin-routes.js';
import { mountOpen311KeyRoutes } from './routes/open311-key-routes.js';
import { mountCaseActionRoutes } from './routes/case-action-routes.js';
import { mountObjectionRoutes } from './routes/objection-routes.js';
import { mountBudgetRoutes } from './routes/budget-routes.js';
import { mountCouncilRoutes } from './routes/council-routes.js';
import { mountDeliveryRoutes } from './routes/delivery-routes.js';
import { mountCaseRoutes } from './routes/case-routes.js';
import { mountVoiceRoutes } from './routes/voice-routes.js';
import { mountInboxRoutes } from './routes/inbox-routes.js';
import { mountIntakeRoutes } from './routes/intake-routes.js';
import { mountLifecycleRoutes } from './routes/lifecycle-routes.js';
import { mountMenuRoutes } from './routes/menu-routes.js';
import { mountReportRoutes } from './routes/report-routes.js';
import { mountFiguresRoutes } from './routes/figures-routes.js';
import { mountStaffRoutes } from './routes/staff-routes.js';

export { API_BASE } from './contract.js';
export { ensureLocalAdmin } from './auth/local-admin.js';
export { consoleConfigFrom, type ConsoleConfig } from './config.js';
export { tileOrigins } from './map-tiles.js';
export { publishInboxEvent, publishTicketEvent } from './inbox/events.js';
export { FakeStaffAlerts, startStaffAlerts, staffAlertsFromEnv, WecomRobotAlerts, type StaffAlerts } from './alerts/index.js';

export interface ConsoleApiOptions {
  db: Db;
  store: StateStore;
  api: () => WechatApi | undefined;
  logger: Logger;
  config: ConsoleConfig;
  /** where photos and documents are stored (media/media-store-for.ts) */
  media: MediaStore;
  now?: () => Date;
}

/**
 * The staff console's API, everything under /api/console (see contract.ts for the routes). Other
 * paths pass through untouched. Every answer is JSON (or a file or an event stream), never cached
 * and never framed.
 */
export function createConsoleApi(o: ConsoleApiOptions): Koa.Middleware {
  const deps: ConsoleDeps = {
    db: o.db,
    store: o.store,
    api: o.api,
    logger: o.logger.child({ component: 'console' }),
    config: o.config,
    media: o.media,
    now: o.now ?? (() => new Date()),
  };
  const router = new Router({ prefix: API_BASE });
  mountAccountRoutes(router, deps);
  mountStaffRoutes(router, deps);
  mountLifecycleRoutes(router, deps);
  mountInboxRoutes(router, deps);
  mountVoiceRoutes(router, deps);
  // export.csv and bulk-transition before /cases/:id
  mountCaseRoutes(router, deps);
  mountIntakeRoutes(router, deps);
  mountCaseActionRoutes(router, deps);
  mountObjectionRoutes(router, deps);
  mountCouncilRoutes(router, deps);
  mountDeliveryRoutes(router, deps);
  mountBudgetRoutes(router, deps);
  mountReportRoutes(router, deps);
  mountFiguresRoutes(router, deps);
  mountAdminRoutes(router, deps);
  mountOpen311KeyRoutes(router, deps);
  mountMenuRoutes(router, deps);
  const auth = authenticate(deps);
  const routed = router.routes() as unknown as Koa.Middleware;
  const methods = router.allowedMethods() as unknown as Koa.Middleware;
  return async (ctx, next) => {
    if (ctx.path !== API_BASE && !ctx.path.startsWith(`${API_BASE}/`)) return next();
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    ctx.set('X-Frame-Options', 'DENY');
    await auth(ctx, () => routed(ctx, () => methods(ctx, next)));
  };
}
