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
  /** how many reverse proxies in front append to X-Forwarded-For (TRUST_PROXY); 0 or absent: none */
  proxyHops?: number;
}

/**
 * Koa's proxy settings for `hops` trusted proxies. Each proxy appends the address it saw to
 * X-Forwarded-For, so only the last `hops` entries were written by someone we trust: ctx.ip is the
 * leftmost of those (maxIpsCount), never the leftmost of the header, which the client wrote itself.
 */
export const proxyOptions = (hops = 0): { proxy: boolean; maxIpsCount: number } => ({ proxy: hops > 0, maxIpsCount: Math.max(0, hops) });

/** Assembles the Koa application. No body parser is global: the webhook reads its own raw body. */
export function createApp(parts: AppParts): Koa {
  const app = new Koa(proxyOptions(parts.proxyHops));
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
