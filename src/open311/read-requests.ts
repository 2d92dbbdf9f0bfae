import { and, desc, eq, gte, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CategoryCatalog } from '../civic/categories.js';
import { listCommunities } from '../civic/communities.js';
import { CASE_KINDS, type CaseKind } from '../civic/kinds/names.js';
import { caseStatusWhere, kindModule, statusAttrs } from '../civic/kinds/registry.js';
import { publicWords } from '../civic/lookup.js';
import { maskPhones } from '../civic/text.js';
import type { Db } from '../db/client.js';
import { caseEvents, caseMedia, cases } from '../db/schema.js';
import { badRequest } from './format.js';
import { w3c } from './format.js';

/**
 * GET requests and requests/{id}: what anyone may read of a report, in the spec's fields. Only
 * kinds filed under a category (reports) are Open311 service requests, and only in a public status.
 * Public fields only: the description is the text staff approved (cases.public_text, nothing before
 * that), status_notes the latest public note, media_url a photo shown on the public pages; never
 * the resident's openid, name, phone, nor the internal notes or assignee.
 */
export interface ServiceRequest {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string | null;
  service_code: string | null;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** the kinds that are Open311 service requests: those filed under a category of flows/categories.yaml */
export const requestKinds = (): CaseKind[] => CASE_KINDS.filter((k) => kindModule(k).features.category);

/** the spec's datetimes: W3C with an offset or Z (2026-03-02T10:00:00+08:00); a bare date is midnight in China */
const when = z
  .string()
  .trim()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/, 'is not a W3C date and time (2026-03-02T10:00:00+08:00)')
  .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00+08:00` : s))
  .refine((d) => !Number.isNaN(d.getTime()), 'is not a date');
const list = <T extends z.ZodType<string, string>>(item: T, max: number) =>
  z
    .string()
    .max(max * 12)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).min(1).max(max));

export const requestsQuerySchema = z.object({
  service_request_id: list(z.string().regex(/^\d{1,10}$/, 'is not a request id'), 100).optional(),
  service_code: list(z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'is not a service code'), 50).optional(),
  start_date: when.optional(),
  end_date: when.optional(),
  status: list(z.enum(['open', 'closed']), 2).optional(),
  jurisdiction_id: z.string().max(100).optional(),
  api_key: z.string().max(200).optional(),
});

export function parseRequestsQuery(q: Record<string, unknown>): z.infer<typeof requestsQuerySchema> {
  // one value per name; an empty one (service_code=) is as if absent, as clients send them
  const single = Object.fromEntries(
    Object.entries(q)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v] as const)
      .filter(([, v]) => typeof v === 'string' && v.trim() !== ''),
  );
  const r = requestsQuerySchema.safeParse(single);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw badRequest(`${issue.path.join('.') || 'query'} ${issue.message}`, 'open311_invalid');
}

/** the spec's default window and ceiling */
export const DEFAULT_DAYS = 90;
export const MAX_REQUESTS = 1000;

export interface ReadOptions {
  db: Db;
  categories: CategoryCatalog;
  /** the service's public base URL: media_url is absolute */
  publicUrl: string;
  now: Date;
}

export async function findRequests(o: ReadOptions, q: z.infer<typeof requestsQuerySchema>): Promise<ServiceRequest[]> {
  const kinds = requestKinds();
  const wanted = q.status ? new Set(q.status) : undefined;
  // the ids asked for are read whenever they were filed; otherwise the spec's window: the last 90 days up to end_date
  const byId = !!q.service_request_id;
  const end = q.end_date ?? (byId ? undefined : o.now);
  const start = q.start_date ?? (byId || !end ? undefined : new Date(end.getTime() - DEFAULT_DAYS * 86_400_000));
  const rows = await o.db
    .select()
    .from(cases)
    .where(
      and(
        caseStatusWhere((a) => a.public && (!wanted || wanted.has(a.open ? 'open' : 'closed')), kinds),
        q.service_request_id ? inArray(cases.id, q.service_request_id.map(Number)) : undefined,
        q.service_code ? inArray(cases.category, q.service_code) : undefined,
        start ? gte(cases.createdAt, start) : undefined,
        end ? lte(cases.createdAt, end) : undefined,
      ),
    )
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(MAX_REQUESTS);
  return toRequests(o, rows);
}

async function toRequests(o: ReadOptions, rows: (typeof cases.$inferSelect)[]): Promise<ServiceRequest[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [notes, photos, communities] = await Promise.all([
    // the latest public note of each case
    o.db
      .selectDistinctOn([caseEvents.caseId], { caseId: caseEvents.caseId, note: caseEvents.publicNote })
      .from(caseEvents)
      .where(and(inArray(caseEvents.caseId, ids), isNotNull(caseEvents.publicNote), sql`${caseEvents.publicNote} <> ''`))
      .orderBy(caseEvents.caseId, desc(caseEvents.at), desc(caseEvents.id)),
    // the first photo shown on the public pages
    o.db
      .selectDistinctOn([caseMedia.caseId], { caseId: caseMedia.caseId, id: caseMedia.id })
      .from(caseMedia)
      .where(and(inArray(caseMedia.caseId, ids), eq(caseMedia.publicState, 'shown')))
      .orderBy(caseMedia.caseId, caseMedia.id),
    listCommunities(o.db),
  ]);
  const noteOf = new Map(notes.map((n) => [n.caseId, n.note]));
  const photoOf = new Map(photos.map((p) => [p.caseId, p.id]));
  const streetName = new Map(communities.map((c) => [c.streetId, c.streetName]));
  const base = o.publicUrl.replace(/\/+$/, '');
  return rows.map((r) => {
    const kind = kindModule(r.kind);
    const attrs = statusAttrs(r.kind, r.status);
    const open = attrs?.open ?? false;
    // as the public case page shows them: nothing of a kind's reviewed words before approval (not the typed place, not the point)
    const { pending, masked, description } = publicWords(r);
    const photo = photoOf.get(r.id);
    // why it was refused (不予受理), as the public page says it; else the latest public note
    const note = attrs?.phase === 'off' && r.rejectReason ? r.rejectReason : noteOf.get(r.id);
    return {
      service_request_id: String(r.id),
      status: open ? 'open' : 'closed',
      status_notes: note ? maskPhones(note) : null,
      service_name: r.category ? o.categories.nameOf(r.category) : null,
      service_code: r.category,
      description: description || null,
      agency_responsible: r.streetId ? (streetName.get(r.streetId) ?? null) : null,
      service_notice: null,
      requested_datetime: w3c(r.createdAt),
      updated_datetime: w3c(r.updatedAt),
      expected_datetime: kind.features.due && r.dueAt ? w3c(r.dueAt) : null,
      address: pending ? null : masked(r.locationLabel) || null,
      address_id: null,
      zipcode: null,
      // about 10 m: where the problem is, not which flat it was reported from
      lat: pending || r.lat === null ? null : Math.round(r.lat * 1e4) / 1e4,
      long: pending || r.lng === null ? null : Math.round(r.lng * 1e4) / 1e4,
      media_url: photo ? `${base}/c/${r.id}/photos/${photo}` : null,
    };
  });
}
