import type { z } from 'zod';
import { API_BASE, CSRF_HEADER, routes, type BodyOf, type ResponseOf, type RouteName } from '../../contract.js';

/**
 * The one way the console talks to the server: every call names a route of the contract, so a path
 * or method can only be what src/console/contract.ts says. The session is the HttpOnly cookie; the
 * CSRF token (from login or /me) is kept in memory only and sent on every state-changing call.
 */
export type QueryOf<R extends RouteName> = (typeof routes)[R] extends { query: infer Q extends z.ZodType } ? z.input<Q> : never;

/** what the server said about a failed call (its JSON error body, when it sent one) */
export interface ErrorDetail {
  code?: string;
  /** the machine reason: csrf, no_session, illegal_transition … */
  reason?: string;
  requestId?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** already shown to the user (401 → login, 403 → 无权限) */
    readonly handled = false,
    readonly detail: ErrorDetail = {},
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (t: string | null): void => {
  csrfToken = t;
};

interface Hooks {
  /** the session ended (401 on any call but login) */
  unauthorized(): void;
  /** 403: not allowed, out of scope or a stale CSRF token */
  forbidden(message: string): void;
}
let hooks: Hooks = { unauthorized: () => {}, forbidden: () => {} };
export const setApiHooks = (h: Hooks): void => {
  hooks = h;
};

type Params = Record<string, string | number>;

/** '/cases/:id' + { id: 3 } → '/api/console/cases/3' */
export function routeUrl<R extends RouteName>(name: R, params: Params = {}, query?: QueryOf<R> | Record<string, unknown>): string {
  const path = routes[name].path.replace(/:([a-zA-Z]+)/g, (_m, key: string) => {
    const v = params[key];
    if (v === undefined) throw new Error(`route ${name}: missing :${key}`);
    return encodeURIComponent(String(v));
  });
  const qs = query ? toSearch(query as Record<string, unknown>) : '';
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/** drops empty values; arrays become comma-separated (status=a,b) */
export function toSearch(query: Record<string, unknown>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) sp.set(k, v.join(','));
    } else sp.set(k, String(v));
  }
  return sp.toString();
}

interface CallOptions<R extends RouteName> {
  params?: Params;
  query?: QueryOf<R>;
  body?: BodyOf<R>;
  signal?: AbortSignal;
}

export async function api<R extends RouteName>(name: R, opts: CallOptions<R> = {}): Promise<ResponseOf<R>> {
  const route = routes[name];
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (route.method !== 'GET') {
    if (csrfToken) headers[CSRF_HEADER] = csrfToken;
    headers['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(routeUrl(name, opts.params, opts.query), {
      method: route.method,
      headers,
      credentials: 'same-origin',
      body: route.method === 'GET' ? undefined : JSON.stringify(opts.body ?? {}),
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, '无法连接服务器，请检查网络');
  }
  return answerOf(name, res);
}

/**
 * Sends a file as the raw body of a route that takes one (POST /cases/:id/photos): its own
 * Content-Type, the CSRF header, and the route's JSON answer or its error, as api() does.
 */
export async function upload<R extends RouteName>(name: R, opts: { params?: Params; file: Blob; signal?: AbortSignal }): Promise<ResponseOf<R>> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': opts.file.type || 'application/octet-stream' };
  if (csrfToken) headers[CSRF_HEADER] = csrfToken;
  let res: Response;
  try {
    res = await fetch(routeUrl(name, opts.params), { method: routes[name].method, headers, credentials: 'same-origin', body: opts.file, signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, '无法连接服务器，请检查网络');
  }
  return answerOf(name, res);
}

/** a route's JSON answer, or its error as an ApiError (401 → login, 403 → 无权限, shown by the hooks) */
async function answerOf<R extends RouteName>(name: R, res: Response): Promise<ResponseOf<R>> {
  if (res.ok) return (await res.json()) as ResponseOf<R>;
  const { message, ...detail } = readError(res.status, (await res.text().catch(() => '')).trim());
  if (res.status === 401 && name !== 'login') {
    hooks.unauthorized();
    throw new ApiError(401, message, true, detail);
  }
  if (res.status === 403) {
    hooks.forbidden(message);
    throw new ApiError(403, message, true, detail);
  }
  throw new ApiError(res.status, message, false, detail);
}

/**
 * The words to show for a failed call. The console API answers errors as JSON
 * `{ error: { code, message, reason?, requestId } }` with a zh-CN message for staff; a proxy or an
 * older server may answer short text instead (an HTML page is never shown); else words for the status.
 */
export function readError(status: number, text: string): ErrorDetail & { message: string } {
  if (text.startsWith('{')) {
    try {
      const e = (JSON.parse(text) as { error?: Record<string, unknown> }).error ?? {};
      const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
      const detail: ErrorDetail = {
        ...(str(e.code) ? { code: str(e.code) } : {}),
        ...(str(e.reason) ? { reason: str(e.reason) } : {}),
        ...(str(e.requestId) ? { requestId: str(e.requestId) } : {}),
      };
      const message = str(e.message)?.slice(0, 300) ?? statusWords(status);
      // a server fault: the request id lets an administrator find it in the logs
      return { ...detail, message: status >= 500 && detail.requestId ? `${message}（请求编号 ${detail.requestId}）` : message };
    } catch {
      /* not JSON after all */
    }
  } else if (text && !text.startsWith('<')) return { message: text.slice(0, 300) };
  return { message: statusWords(status) };
}

function statusWords(status: number): string {
  switch (status) {
    case 400:
      return '请求有误，请检查填写的内容';
    case 401:
      return '请先登录';
    case 403:
      return '无权限';
    case 404:
      return '未找到';
    case 409:
      return '状态已变化，请刷新后重试';
    case 429:
      return '尝试次数过多，请稍后再试';
    default:
      return `服务器错误（${status}）`;
  }
}
