import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type Koa from 'koa';
import type { z } from 'zod';
import { AppError } from '../errors.js';
import { pickEncoding } from '../http/compressed-file.js';
import { readRawBody } from '../http/raw-body.js';
import { hasNulByte, nulByte } from '../http/request-url.js';
import { wellFormedDeep } from '../well-formed.js';
import { invalidRequestMessage } from './invalid-request.js';

/** console request bodies are small JSON documents */
export const BODY_LIMIT = 64 * 1024;

/** a 400 naming the first field that is wrong, in zh-CN (invalid-request.ts) */
function invalid(error: z.ZodError): AppError {
  return new AppError('bad_request', invalidRequestMessage(error), { reason: 'invalid_request' });
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  // PostgreSQL stores no NUL in text: refused here, where every query and body is parsed, not in each query
  if (hasNulByte(value)) throw nulByte();
  // half an emoji becomes U+FFFD (jsonb refuses it), here for the same reason
  // the issues keep the input only to tell a missing field from a wrong one; they are never sent
  const r = schema.safeParse(wellFormedDeep(value), { reportInput: true });
  if (!r.success) throw invalid(r.error);
  return r.data;
}

/**
 * The JSON body of a request, parsed by its zod schema. Only `application/json` is read: a
 * cross-site form cannot send it without a CORS preflight, which this API never grants.
 */
export async function readBody<S extends z.ZodType>(ctx: Koa.Context, schema: S): Promise<z.infer<S>> {
  const length = Number(ctx.get('content-length') || 0);
  const hasBody = length > 0 || ctx.get('transfer-encoding') !== '';
  if (!hasBody) return parseWith(schema, {});
  if (!ctx.is('application/json'))
    throw new AppError('unsupported_media_type', '请求体必须是 application/json', { reason: 'not_json' });
  const raw = await readRawBody(ctx.req, BODY_LIMIT);
  let value: unknown;
  try {
    value = raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    throw new AppError('bad_request', '请求体不是有效的 JSON', { reason: 'bad_json' });
  }
  return parseWith(schema, value);
}

/** the query string, parsed by its zod schema (repeated keys: the last one wins) */
export function readQuery<S extends z.ZodType>(ctx: Koa.Context, schema: S): z.infer<S> {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.query)) {
    const value = Array.isArray(v) ? v[v.length - 1] : v;
    if (value !== undefined && value !== '') q[k] = value;
  }
  return parseWith(schema, q);
}

/** a positive integer path parameter; anything else is 404 (no such thing) */
export function pathId(value: string | undefined, what = '记录'): number {
  if (!value || !/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2_147_483_647)
    throw new AppError('not_found', `没有这条${what}`, { reason: 'bad_id' });
  return Number(value);
}

/** a JSON answer: application/json, never cached */
export function sendJson(ctx: Koa.Context, body: unknown, status = 200): void {
  ctx.status = status;
  ctx.type = 'application/json; charset=utf-8';
  const text = JSON.stringify(body);
  ctx.vary('Accept-Encoding');
  const encoding = text.length >= COMPRESS_FROM ? pickEncoding(ctx.get('Accept-Encoding')) : undefined;
  if (!encoding) {
    ctx.body = text;
    return;
  }
  // fast settings: a list or the dashboard shrinks to a fifth in well under a millisecond
  ctx.set('Content-Encoding', encoding);
  ctx.body = encoding === 'br' ? brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }) : gzipSync(text, { level: 6 });
}

/**
 * Answers from this many characters are compressed (lists, a case, the dashboard, the lifecycles).
 * The session answers, which carry the CSRF token, are far smaller and stay as they are.
 */
const COMPRESS_FROM = 2048;

/** Date or null → ISO string or null */
export const isoOrNull = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/** o-Abc…xyz: enough to tell residents apart, not enough to address one */
export function maskOpenid(openid: string): string {
  return openid.length <= 8 ? `${openid.slice(0, 2)}…` : `${openid.slice(0, 4)}…${openid.slice(-3)}`;
}

/** 138****5678 */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}
