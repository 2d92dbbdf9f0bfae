import type Koa from 'koa';
import { readRawBody } from '../../http/raw-body.js';
import type { SimRecorder } from '../recorder.js';
import { fail, type FakeResult } from './answer.js';
import { customSend, customTyping } from './custom.js';
import { FaultController, stall, type ActiveFault } from './faults.js';
import { FakeKfQuota, type FakeInboundKind } from './kf-quota.js';
import { FakeMedia } from './media.js';
import { validateMenu } from './menu.js';
import { FakeTemplates } from './template.js';
import { FakeTokens } from './tokens.js';

export { FaultController, type FaultSpec } from './faults.js';
export type { FakeInboundKind } from './kf-quota.js';

export interface FakeWechatApiOptions {
  appId: string;
  appSecret: string;
  recorder: SimRecorder;
  now?: () => number;
  /** mount point (default '/sim/api'): requests to `${prefix}/cgi-bin/...` are answered */
  prefix?: string;
  /** when given, template ids outside it are refused with 40037 */
  templateIds?: Iterable<string>;
}

export interface FakeWechatApi {
  middleware: Koa.Middleware;
  faults: FaultController;
  /** a resident did something that opens a customer-service window on WeChat's side */
  noteInbound(openid: string, kind: FakeInboundKind): void;
  /** a resident's photo/voice, downloadable with media/get */
  registerMedia(mediaId: string, buffer: Buffer, contentType: string): void;
  /** every access token issued, oldest first */
  readonly issuedTokens: readonly string[];
  /** make a token invalid, as if another system had force-refreshed it */
  revokeToken(token: string): void;
  /** the menu last accepted by menu/create */
  currentMenu(): unknown;
  /** customer-service sends left for a resident, as WeChat counts them */
  kfRemaining(openid: string): number;
}

const BODY_LIMIT = 25 * 1024 * 1024;
const NO_TOKEN_APIS = new Set(['token', 'stable_token']);
const SECRET_FIELDS = new Set(['secret', 'appsecret']);

const redact = (body: unknown) =>
  body && typeof body === 'object' ? Object.fromEntries(Object.entries(body).map(([k, v]) => [k, SECRET_FIELDS.has(k) ? '[redacted]' : v])) : body;

/**
 * A fake of api.weixin.qq.com for tests and local mode. It checks what WeChat checks (tokens,
 * body shapes, the customer-service quota, template rules, client_msg_id), answers as WeChat
 * answers, and records every call in the SimRecorder. Faults can be injected per API.
 */
export function createFakeWechatApi(opts: FakeWechatApiOptions): FakeWechatApi {
  const now = opts.now ?? Date.now;
  const prefix = (opts.prefix ?? '/sim/api').replace(/\/+$/, '');
  const faults = new FaultController();
  const tokens = new FakeTokens(opts.appId, opts.appSecret, now);
  const quota = new FakeKfQuota(now);
  const media = new FakeMedia(now);
  const templates = new FakeTemplates(now, opts.templateIds ? new Set(opts.templateIds) : undefined);
  let menu: unknown;

  async function handle(api: string, method: string, query: URLSearchParams, raw: Buffer, contentType: string): Promise<FakeResult> {
    if (api === 'media/upload') return media.upload(query, raw, contentType);
    let body: unknown;
    if (method === 'POST') {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return { recordBody: raw.toString('utf8').slice(0, 200), answer: fail(47001, 'data format error') };
      }
    }
    switch (`${method} ${api}`) {
      case 'POST stable_token':
        return { recordBody: redact(body), answer: tokens.stable((body ?? {}) as Record<string, unknown>) };
      case 'GET token':
        return { recordBody: { grant_type: query.get('grant_type'), appid: query.get('appid') }, answer: tokens.basic(query) };
      case 'POST message/custom/send':
        return customSend(body, quota, (id) => media.has(id));
      case 'POST message/custom/typing':
        return customTyping(body, quota);
      case 'POST message/template/send':
        return templates.send(body);
      case 'GET media/get':
        return media.get(query);
      case 'POST menu/create': {
        const r = validateMenu(body);
        if (r.menu !== undefined) menu = r.menu;
        return { recordBody: body, answer: r.answer };
      }
      default:
        return { recordBody: body, answer: fail(48001, 'api unauthorized') };
    }
  }

  function failWith(ctx: Koa.Context, f: ActiveFault): FakeResult['answer'] {
    if (f.reset) {
      ctx.respond = false;
      ctx.req.socket.destroy();
      return fail(-2, 'connection reset (fault)');
    }
    if (f.httpStatus !== undefined) {
      ctx.status = f.httpStatus;
      ctx.body = '';
      return fail(-2, `HTTP ${f.httpStatus} (fault)`);
    }
    const answer = fail(f.errcode!, f.errmsg ?? (f.errcode === -1 ? 'system error' : 'fault'));
    ctx.body = answer;
    return answer;
  }

  const middleware: Koa.Middleware = async (ctx, next) => {
    if (!ctx.path.startsWith(`${prefix}/cgi-bin/`)) return next();
    const api = ctx.path.slice(prefix.length + '/cgi-bin/'.length);
    const query = new URLSearchParams(ctx.querystring);
    let raw: Buffer;
    try {
      raw = await readRawBody(ctx.req, BODY_LIMIT);
    } catch {
      ctx.status = 413;
      return;
    }
    const contentType = ctx.get('content-type');
    const fault = faults.take(api);
    const jsonBody = () => {
      try {
        return JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        return undefined;
      }
    };
    const record = (result: Pick<FakeResult, 'openid' | 'recordBody' | 'recordApi'>, answer: FakeResult['answer']) =>
      opts.recorder.add({ api: result.recordApi ?? api, ...(result.openid ? { openid: result.openid } : {}), body: result.recordBody, response: answer });

    if (fault?.fails && !fault.processed) {
      if (fault.delayMs) await stall(fault.delayMs);
      const body = api === 'stable_token' ? redact(jsonBody()) : jsonBody();
      const touser = (body as { touser?: unknown } | undefined)?.touser;
      record({ ...(typeof touser === 'string' ? { openid: touser } : {}), recordBody: body }, { ...failWith(ctx, fault), fault: true });
      return;
    }

    const denied = NO_TOKEN_APIS.has(api) ? null : tokens.check(query.get('access_token'));
    const result: FakeResult = denied ? { recordBody: api === 'media/upload' ? undefined : jsonBody(), answer: denied } : await handle(api, ctx.method, query, raw, contentType);
    if (denied) {
      const touser = (result.recordBody as { touser?: unknown } | undefined)?.touser;
      if (typeof touser === 'string') result.openid = touser;
    }
    record(result, result.answer);
    if (fault?.delayMs) await stall(fault.delayMs);
    if (fault?.fails) {
      failWith(ctx, fault);
      return;
    }
    if (result.file && result.answer.errcode === 0) {
      ctx.set('content-disposition', `attachment; filename="${result.file.filename}"`);
      ctx.type = result.file.contentType;
      ctx.body = result.file.buffer;
      return;
    }
    ctx.type = 'application/json';
    ctx.body = result.rawJson ?? JSON.stringify(result.answer);
  };

  return {
    middleware,
    faults,
    noteInbound: (openid, kind) => quota.noteInbound(openid, kind),
    registerMedia: (mediaId, buffer, contentType) => media.register(mediaId, buffer, contentType),
    get issuedTokens() {
      return tokens.issued;
    },
    revokeToken: (t) => tokens.revoke(t),
    currentMenu: () => menu,
    kfRemaining: (openid) => quota.remaining(openid),
  };
}
