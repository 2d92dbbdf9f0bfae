import type Koa from 'koa';
import { isAppError } from '../errors.js';
import type { Logger } from '../log.js';

export interface RequestState {
  requestId: string;
  log: Logger;
}

let counter = 0;
const nextId = () => `${Date.now().toString(36)}-${(++counter).toString(36)}`;

/**
 * The one error funnel. Every request gets a request id and a child logger; a typed AppError
 * becomes its status and a safe message; anything else is a bare 500, logged with its stack.
 * Nothing internal reaches the client.
 */
export function requestContext(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = /^[\w.-]{1,64}$/.test(incoming) ? incoming : nextId();
    const state = ctx.state as RequestState;
    state.requestId = requestId;
    state.log = logger.child({ requestId });
    ctx.set('x-request-id', requestId);
    const started = performance.now();
    try {
      await next();
    } catch (err) {
      if (isAppError(err)) {
        ctx.status = err.status;
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = err.message;
        state.log.warn({ method: ctx.method, path: ctx.path, status: err.status, reason: err.reason }, err.message);
      } else {
        ctx.status = 500;
        ctx.type = 'text/plain; charset=utf-8';
        ctx.body = 'internal error';
        state.log.error({ err, method: ctx.method, path: ctx.path }, 'unhandled error');
      }
      return;
    }
    if (ctx.path !== '/healthz' && ctx.path !== '/metrics') {
      state.log.info(
        { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round((performance.now() - started) * 10) / 10 },
        'request',
      );
    }
  };
}
