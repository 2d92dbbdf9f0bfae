import Router from '@koa/router';
import Koa from 'koa';
import { mountHealth, type Probe } from './http/health.js';
import { requestContext } from './http/error-middleware.js';
import type { Metrics } from './http/metrics.js';
import type { Logger } from './log.js';

export interface AppParts {
  logger: Logger;
  metrics: Metrics;
  probes: Probe[];
  /** GET/POST /wechat */
  webhook: Koa.Middleware;
  /** further routers or middleware (the simulator in local mode, the console …) */
  mounts?: Koa.Middleware[];
  /** path prefixes whose errors are answered as JSON (the console API) */
  jsonErrorsUnder?: readonly string[];
  /** trust X-Forwarded-For (only behind a proxy that overwrites it) */
  trustProxy?: boolean;
}

/** Assembles the Koa application. No body parser is global: the webhook reads its own raw body. */
export function createApp(parts: AppParts): Koa {
  const app = new Koa({ proxy: parts.trustProxy ?? false });
  app.silent = true;
  app.on('error', (err: unknown) => parts.logger.error({ err }, 'koa error'));
  const router = new Router();
  mountHealth(router, parts.probes, parts.metrics);
  router.all('/wechat', parts.webhook);
  app.use(requestContext(parts.logger, { jsonErrorsUnder: parts.jsonErrorsUnder ?? [] }));
  app.use(async (ctx, next) => {
    // basic hardening for every response
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'same-origin');
    await next();
  });
  app.use(router.routes());
  for (const m of parts.mounts ?? []) app.use(m);
  return app;
}
