import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Category, CategoryCatalog } from '../civic/categories.js';
import { submitReport } from '../civic/kinds/report.js';
import { loadPlaceMap, placeOf, type PlaceMap } from '../civic/place.js';
import { storedPhone } from '../civic/phone-binding.js';
import type { Db } from '../db/client.js';
import { open311Requests } from '../db/schema.js';
import { writeAudit } from '../console/audit.js';
import { badRequest, forbidden } from './format.js';
import { keyOf } from './keys.js';
import { wellFormedDeep } from '../well-formed.js';

/**
 * POST requests: a report filed by a partner system. The fields are the spec's (form-encoded, or a
 * JSON object): api_key, service_code, a location (lat + long in WGS-84, as cases store them, or
 * address_string / address_id), description, media_url (kept as a reference, never fetched),
 * attribute[code] (attribute[code][] for a multivaluelist), and the requester's contact, which
 * stays private (first_name + last_name as the contact name, phone; email is not kept).
 */
const opt = z
  .string()
  .trim()
  .max(4000)
  .optional()
  .transform((s) => (s ? s : undefined));
const coord = (min: number, max: number, name: string) =>
  opt.pipe(
    z
      .string()
      .regex(/^-?\d{1,3}(\.\d+)?$/, `${name} must be a decimal number`)
      .transform(Number)
      .refine((n) => n >= min && n <= max, `${name} is out of range`)
      .optional(),
  );

export const postRequestSchema = z.object({
  api_key: z.string().trim().min(1).max(200),
  jurisdiction_id: opt,
  service_code: z.string({ error: 'service_code is required' }).trim().min(1, 'service_code is required').max(40),
  lat: coord(-90, 90, 'lat'),
  long: coord(-180, 180, 'long'),
  address_string: opt.pipe(z.string().max(200).optional()),
  address_id: opt.pipe(z.string().max(100).optional()),
  email: opt.pipe(z.email('email is not an address').optional()),
  device_id: opt,
  account_id: opt,
  first_name: opt.pipe(z.string().max(30).optional()),
  last_name: opt.pipe(z.string().max(30).optional()),
  phone: opt.pipe(z.string().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'phone is not a phone number').optional()),
  description: z.string({ error: 'description is required' }).trim().min(1, 'description is required').max(2000, 'description is longer than 2000 characters'),
  media_url: opt.pipe(z.url({ protocol: /^https?$/, error: 'media_url is not an http(s) URL' }).max(1000).optional()),
  attributes: z.record(z.string(), z.union([z.string().max(500), z.array(z.string().max(500)).max(50)])).default({}),
});
export type PostRequest = z.infer<typeof postRequestSchema>;

/** the form's fields as one object: attribute[code] and attribute[code][] gathered under attributes */
export function fieldsOf(form: Iterable<[string, string]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attributes: Record<string, string | string[]> = {};
  for (const [k, v] of form) {
    const a = /^attribute\[([^\]]{1,40})\](\[\])?$/.exec(k);
    if (a) {
      const code = a[1]!;
      if (a[2]) attributes[code] = [...((attributes[code] as string[] | undefined) ?? []), v];
      else attributes[code] = v;
    } else if (!(k in out)) out[k] = v;
  }
  out.attributes = attributes;
  return out;
}

/** the first problem of the fields, as the spec's error description */
export function parsePost(fields: unknown): PostRequest {
  // half an emoji (a JSON body can carry one) becomes U+FFFD: the case's event data is jsonb, which refuses it
  const r = postRequestSchema.safeParse(wellFormedDeep(fields));
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw badRequest(issue.message.includes(' ') ? issue.message : `${issue.path.join('.')}: ${issue.message}`, 'open311_invalid');
}

/** the attributes against the category's definition: required ones present, list values among its keys */
export function checkAttributes(category: Category, given: Record<string, string | string[]>): Record<string, string | string[]> {
  const defs = category.attributes ?? [];
  const out: Record<string, string | string[]> = {};
  for (const code of Object.keys(given))
    if (!defs.some((d) => d.code === code)) throw badRequest(`attribute[${code}] is not an attribute of ${category.id}`, 'open311_unknown_attribute');
  for (const d of defs) {
    const raw = given[d.code];
    const values = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => v.trim()).filter(Boolean);
    if (!values.length) {
      if (d.required) throw badRequest(`attribute[${d.code}] is required`, 'open311_missing_attribute');
      continue;
    }
    if (d.datatype !== 'multivaluelist' && values.length > 1) throw badRequest(`attribute[${d.code}] takes one value`, 'open311_bad_attribute');
    if (d.values && values.some((v) => !d.values!.some((x) => x.key === v))) throw badRequest(`attribute[${d.code}] has a value that is not one of its keys`, 'open311_bad_attribute');
    if (d.datatype === 'number' && values.some((v) => !/^-?\d+(\.\d+)?$/.test(v))) throw badRequest(`attribute[${d.code}] is not a number`, 'open311_bad_attribute');
    if (d.datatype === 'datetime' && values.some((v) => Number.isNaN(Date.parse(v)))) throw badRequest(`attribute[${d.code}] is not a date and time`, 'open311_bad_attribute');
    out[d.code] = d.datatype === 'multivaluelist' ? values : values[0]!;
  }
  return out;
}

/** the contact name as given: family name first when it is written in Han characters, else first last */
function contactName(p: PostRequest): string | undefined {
  const parts = [p.first_name, p.last_name].filter((s): s is string => !!s);
  if (!parts.length) return undefined;
  const han = parts.some((s) => /\p{Script=Han}/u.test(s));
  return han ? [p.last_name, p.first_name].filter(Boolean).join('') : parts.join(' ');
}

export interface PostOptions {
  db: Db;
  categories: CategoryCatalog;
  now: Date;
  /** config/communities.yaml's map (default: the file's) */
  places?: PlaceMap;
}

/** files the request as a report; answers its case number */
export async function postRequest(o: PostOptions, fields: Record<string, unknown>): Promise<{ caseId: number; dueAt: Date | null }> {
  // the key first: without a live one nothing else is looked at (a missing or revoked key is 403, as the spec's examples answer)
  const token = typeof fields.api_key === 'string' ? fields.api_key.trim() : '';
  if (!token) throw forbidden('api_key is required', 'open311_no_key');
  const key = await keyOf(o.db, token);
  if (!key) throw forbidden('api_key is unknown or revoked', 'open311_bad_key');
  const p = parsePost(fields);
  const category = o.categories.find(p.service_code);
  if (!category || category.id !== p.service_code.trim()) throw badRequest(`service_code ${p.service_code} is not a service`, 'open311_unknown_service');
  const attributes = checkAttributes(category, p.attributes);
  const point = p.lat !== undefined && p.long !== undefined ? { lat: p.lat, lng: p.long } : undefined;
  if ((p.lat === undefined) !== (p.long === undefined)) throw badRequest('lat and long go together', 'open311_no_location');
  const label = p.address_string ?? p.address_id;
  if (!point && !label) throw badRequest('a location is required: lat and long, address_string or address_id', 'open311_no_location');
  const place = placeOf(o.places ?? loadPlaceMap(), { ...(point ?? {}), label });
  if (place.type === 'outside' || place.type === 'unknown') throw badRequest('the location is outside the streets this service serves', 'open311_outside');
  if (key.streetIds && !key.streetIds.includes(place.streetId)) throw forbidden('this api_key may not file requests in that street', 'open311_street_scope');
  const by = { type: 'partner' as const, id: String(key.id) };
  const name = contactName(p);
  // the case, what the request carried besides it and the audit row: all or nothing
  return o.db.transaction(async (tx) => {
    const r = await submitReport(
      tx,
      {
        sourceKey: `open311:${key.id}:${randomUUID()}`,
        filing: { by, channel: 'open311', ...(name ? { contactName: name } : {}) },
        category: category.id,
        description: p.description,
        location: { ...(point ?? {}), ...(label ? { label } : {}) },
        ...(p.phone ? { phone: storedPhone(p.phone) } : {}),
        ...(place.type === 'community' ? { communityId: place.communityId } : { triageStreetId: place.streetId }),
      },
      { now: o.now, categories: o.categories },
    );
    await tx.insert(open311Requests).values({ caseId: r.caseId, keyId: key.id, serviceCode: category.id, attributes, mediaUrl: p.media_url ?? null, createdAt: o.now });
    await writeAudit(tx, { staffId: null, action: 'open311.request', target: `case:${r.caseId}`, after: { key: key.id, name: key.name, service_code: category.id }, at: o.now });
    return { caseId: r.caseId, dueAt: r.dueAt };
  });
}
