import { z } from 'zod';
import { silentLogger, type Logger } from '../../log.js';
import { WechatApiError, WechatTransportError } from './errors.js';

export { WechatApiError, WechatTransportError } from './errors.js';

export interface WechatHttpOptions {
  /** e.g. https://api.weixin.qq.com, or the fake API's base in local mode and tests */
  apiBase: string;
  fetch?: typeof fetch;
  /** every call is aborted after this long (default 10 s) */
  timeoutMs?: number;
  logger?: Logger;
}

export interface ApiRequest {
  /** the path under /cgi-bin/, e.g. 'message/custom/send' */
  api: string;
  method?: 'GET' | 'POST';
  query?: Record<string, string>;
  /** JSON body (POST) */
  json?: unknown;
  /** multipart body (POST); a factory, since a retry needs a fresh one */
  form?: () => FormData;
  /** sent as ?access_token=…, never logged */
  accessToken?: string;
}

export interface BinaryResult {
  buffer: Buffer;
  contentType: string;
  /** from Content-Disposition, when WeChat names the file */
  filename?: string;
}

/** errcode/errmsg that may accompany any answer; 0 or absent = success */
const envelope = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() }).loose();

/** error codes of a failed connect: the request never left this machine */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * 64-bit ids in WeChat's JSON (template msgid) exceed 2^53; they are quoted before JSON.parse so
 * the id used to correlate TEMPLATESENDJOBFINISH stays exact.
 */
export function quoteBigIds(text: string): string {
  return text.replace(/"(msgid|msg_id)"\s*:\s*(-?\d{16,})/g, '"$1":"$2"');
}

function errorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && typeof cur === 'object' && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The one place that talks HTTP to WeChat: URL building, the per-call timeout, JSON decoding
 * (zod), errcode → WechatApiError, everything else → WechatTransportError. Retries live in
 * retry.ts and call.ts, not here.
 */
export class WechatHttp {
  private readonly apiBase: string;
  private readonly fetchFn: typeof fetch;
  readonly timeoutMs: number;
  private readonly logger: Logger;

  constructor(opts: WechatHttpOptions) {
    this.apiBase = opts.apiBase.replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 10_000;
    this.logger = opts.logger ?? silentLogger;
  }

  /** a JSON call; the answer is checked for errcode, then parsed by `schema` */
  async json<S extends z.ZodType>(req: ApiRequest, schema: S): Promise<z.output<S>> {
    const { res, body } = await this.send(req);
    const data = this.decode(req.api, res, body.toString('utf8'));
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      throw new WechatTransportError(req.api, 'bad_response', true, `unexpected answer: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return parsed.data;
  }

  /** a download: a JSON answer is an error (or a parse failure), anything else is the file */
  async binary(req: ApiRequest, maxBytes: number): Promise<BinaryResult> {
    const { res, body } = await this.send(req, maxBytes);
    const contentType = (res.headers.get('content-type') ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
    if (!res.ok || contentType === 'application/json' || contentType === 'text/plain') {
      const data = this.decode(req.api, res, body.toString('utf8'));
      throw new WechatTransportError(req.api, 'bad_response', false, `expected a file, got JSON ${JSON.stringify(data).slice(0, 200)}`);
    }
    const disposition = res.headers.get('content-disposition') ?? '';
    const filename = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
    return { buffer: body, contentType, ...(filename ? { filename: decodeURIComponent(filename) } : {}) };
  }

  private url(req: ApiRequest): string {
    const q = new URLSearchParams();
    if (req.accessToken !== undefined) q.set('access_token', req.accessToken);
    for (const [k, v] of Object.entries(req.query ?? {})) q.set(k, v);
    const qs = q.toString();
    return `${this.apiBase}/cgi-bin/${req.api}${qs ? `?${qs}` : ''}`;
  }

  private async send(req: ApiRequest, maxBytes = 1024 * 1024): Promise<{ res: Response; body: Buffer }> {
    const started = Date.now();
    const init: RequestInit = { method: req.method ?? (req.json !== undefined || req.form ? 'POST' : 'GET'), signal: AbortSignal.timeout(this.timeoutMs) };
    if (req.json !== undefined) {
      init.body = JSON.stringify(req.json);
      init.headers = { 'content-type': 'application/json; charset=utf-8' };
    } else if (req.form) {
      init.body = req.form();
    }
    let res: Response;
    let body: Buffer;
    try {
      res = await this.fetchFn(this.url(req), init);
      const declared = Number(res.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await res.body?.cancel().catch(() => {});
        throw new WechatTransportError(req.api, 'bad_response', true, `answer of ${declared} bytes exceeds ${maxBytes}`);
      }
      body = Buffer.from(await res.arrayBuffer());
      if (body.length > maxBytes) throw new WechatTransportError(req.api, 'bad_response', true, `answer exceeds ${maxBytes} bytes`);
    } catch (e) {
      if (e instanceof WechatTransportError) throw e;
      const err = this.transportError(req.api, e);
      this.logger.warn({ api: req.api, reason: err.reason, maybeDelivered: err.maybeDelivered, ms: Date.now() - started }, 'wechat api transport error');
      throw err;
    }
    this.logger.debug({ api: req.api, status: res.status, ms: Date.now() - started }, 'wechat api call');
    if (res.status >= 500) {
      throw new WechatTransportError(req.api, 'http_status', true, `HTTP ${res.status}`, { status: res.status });
    }
    return { res, body };
  }

  private transportError(api: string, e: unknown): WechatTransportError {
    const name = (e as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new WechatTransportError(api, 'timeout', true, `no answer within ${this.timeoutMs} ms`);
    }
    const code = errorCode(e) ?? 'unknown';
    // only the code: a fetch error's message could quote the URL, and the URL holds the token
    return new WechatTransportError(api, 'network', !NOT_SENT_CODES.has(code), code);
  }

  private decode(api: string, res: Response, text: string): unknown {
    let data: unknown;
    try {
      data = JSON.parse(quoteBigIds(text));
    } catch {
      throw new WechatTransportError(api, 'bad_response', res.ok, `HTTP ${res.status}, body is not JSON`, { status: res.status });
    }
    const env = envelope.safeParse(data);
    if (env.success && env.data.errcode !== undefined && env.data.errcode !== 0) {
      throw new WechatApiError(api, env.data.errcode, env.data.errmsg ?? '');
    }
    if (!res.ok) throw new WechatTransportError(api, 'http_status', false, `HTTP ${res.status}`, { status: res.status });
    return data;
  }
}
