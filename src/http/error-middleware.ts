import type Koa from 'koa';
import { errorStatus, isAppError, type ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';
import { assertUsableUrl } from './request-url.js';

export interface RequestState {
  requestId: string;
  log: Logger;
}

/** a console API error: the same status, and this body */
export interface JsonErrorBody {
  error: {
    code: ErrorCode;
    /** zh-CN, safe to show staff */
    message: string;
    /** the machine reason when it says more than the code (csrf, no_session, illegal_transition …) */
    reason?: string;
    /** the x-request-id header, to find the request in the logs */
    requestId: string;
  };
}

let counter = 0;
const nextId = () => `${Date.now().toString(36)}-${(++counter).toString(36)}`;

export interface RequestContextOptions {
  /** path prefixes whose errors are JSON (the staff console's API); every other path keeps its own body */
  jsonErrorsUnder?: readonly string[];
}

const INTERNAL = { code: 'internal', message: '服务器出错了，请稍后再试' } as const;
const codeOf = (status: number): ErrorCode =>
  (Object.entries(errorStatus).find(([, s]) => s === status)?.[0] as ErrorCode | undefined) ?? (status >= 500 ? 'internal' : 'bad_request');
/** what to say when nothing was thrown but nothing answered: the router's 404 and 405 */
function unanswered(status: number): Omit<JsonErrorBody['error'], 'requestId'> {
  if (status === 404) return { code: 'not_found', message: '没有这个接口', reason: 'no_route' };
  if (status === 405) return { code: 'method_not_allowed', message: '这个接口不支持该请求方法', reason: 'method_not_allowed' };
  return { code: codeOf(status), message: status >= 500 ? INTERNAL.message : `请求未能完成（${status}）` };
}

function sendJsonError(ctx: Koa.Context, status: number, error: Omit<JsonErrorBody['error'], 'requestId'>, requestId: string): void {
  const body: JsonErrorBody = { error: { ...error, requestId } };
  ctx.status = status;
  ctx.type = 'application/json; charset=utf-8';
  ctx.body = JSON.stringify(body);
}

/**
 * The one error funnel. Every request gets a request id and a child logger; a typed AppError
 * becomes its status and a safe message; anything else is a bare 500, logged with its stack.
 * Nothing internal reaches the client. Under `jsonErrorsUnder` (the console API) the body is JSON,
 * `{ "error": { code, message, reason?, requestId } }`, also for a path no route answered;
 * elsewhere (the WeChat webhook, public pages, the simulator) it is the message as text/plain.
 */
export function requestContext(logger: Logger, o: RequestContextOptions = {}): Koa.Middleware {
  const prefixes = o.jsonErrorsUnder ?? [];
  const jsonErrors = (path: string) => prefixes.some((p) => path === p || path.startsWith(`${p}/`));
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = /^[\w.-]{1,64}$/.test(incoming) ? incoming : nextId();
    const state = ctx.state as RequestState;
    state.requestId = requestId;
    // the request's child logger is made when something logs through it (a refusal, an error, the
    // access line), not for every request: most webhook requests log nothing at level warn
    let child: Logger | undefined;
    Object.defineProperty(state, 'log', { get: () => (child ??= logger.child({ requestId })), configurable: true, enumerable: true });
    ctx.set('x-request-id', requestId);
    const json = jsonErrors(ctx.path);
    const started = performance.now();
    try {
      assertUsableUrl(ctx.path, ctx.querystring);
      await next();
    } catch (err) {
      if (isAppError(err)) {
        if (json) {
          sendJsonError(ctx, err.status, { code: err.code, message: err.message, ...(err.reason !== err.code ? { reason: err.reason } : {}) }, requestId);
        } else {
          ctx.status = err.status;
          ctx.type = 'text/plain; charset=utf-8';
          ctx.body = err.message;
        }
        state.log.warn({ method: ctx.method, path: ctx.path, status: err.status, reason: err.reason }, err.message);
      } else {
        if (json) sendJsonError(ctx, 500, INTERNAL, requestId);
        else {
          ctx.status = 500;
          ctx.type = 'text/plain; charset=utf-8';
          ctx.body = 'internal error';
        }
        state.log.error({ err, method: ctx.method, path: ctx.path }, 'unhandled error');
      }
      return;
    }
    if (json && ctx.status >= 400 && ctx.body == null) sendJsonError(ctx, ctx.status, unanswered(ctx.status), requestId);
    if (ctx.path !== '/healthz' && ctx.path !== '/metrics') {
      logger.info(
        { requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round((performance.now() - started) * 10) / 10 },
        'request',
      );
    }
  };
}
