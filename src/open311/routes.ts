import Router from '@koa/router';
import type Koa from 'koa';
import type { CategoryCatalog } from '../civic/categories.js';
import { kindLabel } from '../civic/kinds/kind-texts.js';
import type { PlaceMap } from '../civic/place.js';
import type { Db } from '../db/client.js';
import { readRawBody } from '../http/raw-body.js';
import { badRequest, errorsAs, notFound, send, sendOne, splitFormat, type Format } from './format.js';
import { fieldsOf, postRequest } from './post-request.js';
import { findRequests, parseRequestsQuery, requestKinds } from './read-requests.js';
import { definitionForXml, listServices, serviceDefinition } from './services.js';

/** where the API lives; discovery at OPEN311_ROOT/discovery.json */
export const OPEN311_ROOT = '/open311';
export const OPEN311_BASE = `${OPEN311_ROOT}/v2`;
const SPEC = 'http://wiki.open311.org/GeoReport_v2';
/** when this endpoint's shape last changed (the discovery document's changeset) */
const CHANGESET = '2026-12-07T00:00:00Z';
const BODY_LIMIT = 64 * 1024;

export interface Open311Options {
  db: Db;
  categories: CategoryCatalog;
  /** the service's public base URL (discovery and media_url are absolute) */
  publicUrl: string;
  now?: () => Date;
  /** config/communities.yaml's map (default: the file's) */
  places?: PlaceMap;
}

/** the format of the path's last segment, or a 404 in JSON */
function formatOf(segment: string | undefined, stem?: string): { stem: string; format: Format } {
  const f = splitFormat(segment ?? '');
  if (!f || (stem !== undefined && f.stem !== stem)) throw notFound('no such resource: the paths end in .json or .xml', 'open311_no_route');
  return f;
}

/** the form (application/x-www-form-urlencoded, as the spec says) or a JSON object */
async function readFields(ctx: Koa.Context): Promise<Record<string, unknown>> {
  const raw = (await readRawBody(ctx.req, BODY_LIMIT)).toString('utf8');
  if (ctx.is('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw badRequest('the body is not JSON', 'open311_bad_body');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('the body is not a JSON object', 'open311_bad_body');
    return fieldsOf(Object.entries(parsed as Record<string, unknown>).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, String(x)] as [string, string]) : [[k, String(v)] as [string, string]])));
  }
  return fieldsOf(new URLSearchParams(raw));
}

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), JSON and XML:
 * GET  /open311/discovery.{json,xml}
 * GET  /open311/v2/services.{json,xml}             one service per report category
 * GET  /open311/v2/services/{code}.{json,xml}      its attributes (service definition)
 * POST /open311/v2/requests.{json,xml}             a report filed by a partner system (api_key)
 * GET  /open311/v2/requests.{json,xml}             public reports, by the spec's filters
 * GET  /open311/v2/requests/{id}.{json,xml}        one of them
 * Errors are the spec's error list (400, 403 for a missing or revoked key, 404).
 */
export function createOpen311(opts: Open311Options): Koa.Middleware {
  const now = opts.now ?? (() => new Date());
  const base = opts.publicUrl.replace(/\/+$/, '');
  const group = requestKinds().map(kindLabel).join(',');
  const read = { db: opts.db, categories: opts.categories, publicUrl: base };
  const router = new Router({ prefix: OPEN311_ROOT });

  router.get('/:file', (ctx) => {
    const { format } = formatOf(ctx.params.file, 'discovery');
    const endpoint = { specification: SPEC, url: `${base}${OPEN311_BASE}`, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] };
    const doc = { changeset: CHANGESET, contact: `${base}/`, key_service: 'API keys are issued by the administrator of the staff console', endpoints: [endpoint] };
    sendOne(ctx, format, 'discovery', doc, { ...doc, endpoints: { endpoint: [{ ...endpoint, formats: { format: endpoint.formats } }] } });
  });

  router.get('/v2/:file', async (ctx) => {
    const { stem, format } = formatOf(ctx.params.file);
    if (stem === 'services') return send(ctx, format, { root: 'services', item: 'service' }, listServices(opts.categories, group));
    if (stem === 'requests') {
      const q = parseRequestsQuery(ctx.query);
      return send(ctx, format, { root: 'service_requests', item: 'request' }, await findRequests({ ...read, now: now() }, q));
    }
    throw notFound(`no such resource: ${stem}`, 'open311_no_route');
  });

  router.get('/v2/services/:file', (ctx) => {
    const { stem, format } = formatOf(ctx.params.file);
    const c = opts.categories.list.find((x) => x.id === stem);
    if (!c) throw notFound(`service_code ${stem} is not a service`, 'open311_unknown_service');
    const d = serviceDefinition(c);
    sendOne(ctx, format, 'service_definition', d, definitionForXml(d));
  });

  router.get('/v2/requests/:file', async (ctx) => {
    const { stem, format } = formatOf(ctx.params.file);
    if (!/^\d{1,10}$/.test(stem)) throw notFound(`service_request_id ${stem} is not a request`, 'open311_unknown_request');
    const [r] = await findRequests({ ...read, now: now() }, { service_request_id: [stem] });
    if (!r) throw notFound(`service_request_id ${stem} is not a request`, 'open311_unknown_request');
    send(ctx, format, { root: 'service_requests', item: 'request' }, [r]);
  });

  router.post('/v2/:file', async (ctx) => {
    const { format } = formatOf(ctx.params.file, 'requests');
    const fields = await readFields(ctx);
    const r = await postRequest({ db: opts.db, categories: opts.categories, now: now(), ...(opts.places ? { places: opts.places } : {}) }, fields);
    send(ctx, format, { root: 'service_requests', item: 'request' }, [{ service_request_id: String(r.caseId), service_notice: null, account_id: null }]);
  });

  const routes = router.routes() as Koa.Middleware;
  const guarded = errorsAs();
  // every path under /open311 answers in the spec's shape, an unknown one too (a 404 error list)
  return async (ctx, next) => {
    if (ctx.path !== OPEN311_ROOT && !ctx.path.startsWith(`${OPEN311_ROOT}/`)) return next();
    await guarded(ctx, async () => {
      await routes(ctx, async () => {});
      if (ctx.body === undefined || ctx.body === null) throw notFound('no such resource', 'open311_no_route');
    });
  };
}
