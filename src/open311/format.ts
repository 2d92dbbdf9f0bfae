import { XMLBuilder } from 'fast-xml-parser';
import type Koa from 'koa';
import { z } from 'zod';
import { CHINA_OFFSET_MS } from '../china-time.js';
import { AppError, isAppError } from '../errors.js';

/**
 * GeoReport v2 answers in both formats the spec defines: the format is the path's extension
 * (.json or .xml). JSON is an array of objects (a services list, a requests list, an error list);
 * XML wraps the same objects in the spec's element names (<services><service>…, <errors><error>…),
 * nulls as empty elements, every text escaped by the builder.
 */
export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

export const formatSchema = z.enum(FORMATS);

/** the format of a path segment such as `services.json` or `123.xml`: its stem and format, or undefined */
export function splitFormat(segment: string): { stem: string; format: Format } | undefined {
  const m = /^(.+)\.(json|xml)$/.exec(segment);
  return m ? { stem: m[1]!, format: m[2] as Format } : undefined;
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: false, processEntities: true, ignoreAttributes: true });

/** a JSON value as XML text: null empty, booleans and numbers as the spec prints them */
function xmlish(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(xmlish);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, xmlish(x)]));
  return String(v);
}

/** `<?xml …?><root><item>…</item>…</root>`; each item's nested lists are already shaped as elements (see services.ts) */
export function toXml(root: string, item: string, items: readonly unknown[]): string {
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: items.length ? { [item]: items.map(xmlish) } : '' })}`;
}

/** the answer: JSON as is, XML under the root and item names */
export function send(ctx: Koa.Context, format: Format, names: { root: string; item: string }, items: readonly unknown[], status = 200): void {
  ctx.status = status;
  if (format === 'json') {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = JSON.stringify(items);
  } else {
    ctx.type = 'text/xml; charset=utf-8';
    ctx.body = toXml(names.root, names.item, items);
  }
}

/** one object (a discovery document, a service definition): JSON as is, XML as the root element of its fields */
export function sendOne(ctx: Koa.Context, format: Format, root: string, json: unknown, xml: unknown = json): void {
  ctx.status = 200;
  if (format === 'json') {
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = JSON.stringify(json);
  } else {
    ctx.type = 'text/xml; charset=utf-8';
    ctx.body = `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: xmlish(xml) })}`;
  }
}

/**
 * the statuses answered as the spec's error list: the three it names, and a body over the limit (413),
 * which a partner's parser reads the same way; anything else goes on to the app's error middleware
 */
const SPEC_STATUSES = new Set([400, 403, 404, 413]);

/**
 * The spec's error list for an AppError of status 400, 403, 404 or 413 (`[{"code":400,"description":"…"}]`,
 * `<errors><error><code/><description/></error></errors>`), in the format of the path; other errors
 * go on to the app's error middleware.
 */
export function errorsAs(): Koa.Middleware {
  return async (ctx, next) => {
    const format = (): Format => (/\.xml$/i.test(ctx.path) ? 'xml' : 'json');
    try {
      await next();
    } catch (e) {
      if (!isAppError(e) || !SPEC_STATUSES.has(e.status)) throw e;
      ctx.state.errorReason = e.reason;
      send(ctx, format(), { root: 'errors', item: 'error' }, [{ code: e.status, description: e.message }], e.status);
    }
  };
}

export const badRequest = (description: string, reason = 'open311_bad_request') => new AppError('bad_request', description, { reason });
export const forbidden = (description: string, reason = 'open311_forbidden') => new AppError('forbidden', description, { reason });
export const notFound = (description: string, reason = 'open311_not_found') => new AppError('not_found', description, { reason });

/** ISO 8601 with the China offset, as the spec's examples write times: 2026-03-02T10:00:00+08:00 */
export function w3c(at: Date): string {
  return `${new Date(at.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
