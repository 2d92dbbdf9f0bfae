import { and, between, desc, eq, gte, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { cases } from '../db/schema.js';
import type { CategoryCatalog } from './categories.js';
import { categoriesOf } from './context.js';
import { statusLabel } from './kinds/kind-texts.js';
import { allKinds, caseStatusWhere } from './kinds/registry.js';
import { supporterCounts } from './subscriptions.js';
import { proposePublicText } from './public-text.js';
import { excerpt } from './text.js';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (d: number) => (d * Math.PI) / 180;

/** great-circle distance in metres (haversine) */
export function haversineMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface NearbyReport {
  caseId: number;
  description: string;
  locationLabel: string | null;
  distanceMeters: number;
  createdAt: Date;
  status: string;
  statusLabel: string;
  /** residents who reported it: the author plus everyone who tapped 我也遇到 */
  supporters: number;
}

export interface NearbyQuery {
  /** category id or name */
  category: string;
  lat: number;
  lng: number;
  radiusMeters?: number;
  withinDays?: number;
  now: Date;
  limit?: number;
  /** leave out this case (the one being looked at) */
  excludeCaseId?: number;
  categories?: CategoryCatalog;
}

/**
 * Open cases of the kinds residents join (reports) of the same category filed within `withinDays`
 * and within `radiusMeters`, nearest first. A bounding box narrows the rows in SQL (indexable, works
 * on PGlite without PostGIS); the exact haversine distance is computed here.
 */
export async function findNearbyOpenReports(db: Db, q: NearbyQuery): Promise<NearbyReport[]> {
  const radius = q.radiusMeters ?? 200;
  const limit = q.limit ?? 3;
  const since = new Date(q.now.getTime() - (q.withinDays ?? 30) * 86_400_000);
  const category = categoriesOf(q).find(q.category)?.id ?? q.category;
  const dLat = radius / 111_195;
  const dLng = radius / (111_195 * Math.max(0.01, Math.cos(rad(q.lat))));
  const rows = await db
    .select({
      id: cases.id,
      description: cases.description,
      publicText: cases.publicText,
      locationLabel: cases.locationLabel,
      lat: cases.lat,
      lng: cases.lng,
      createdAt: cases.createdAt,
      status: cases.status,
      kind: cases.kind,
    })
    .from(cases)
    .where(
      and(
        eq(cases.category, category),
        caseStatusWhere((a) => a.open, supportedKinds()),
        gte(cases.createdAt, since),
        isNotNull(cases.lat),
        isNotNull(cases.lng),
        between(cases.lat, q.lat - dLat, q.lat + dLat),
        between(cases.lng, q.lng - dLng, q.lng + dLng),
      ),
    )
    .orderBy(desc(cases.createdAt))
    .limit(200);
  const near = rows
    .filter((r) => r.id !== q.excludeCaseId)
    .map((r) => ({ r, d: haversineMeters(q, { lat: r.lat!, lng: r.lng! }) }))
    .filter((x) => x.d <= radius)
    .sort((a, b) => a.d - b.d || b.r.createdAt.getTime() - a.r.createdAt.getTime())
    .slice(0, limit);
  const counts = await supporterCounts(
    db,
    near.map((x) => x.r.id),
  );
  return near.map(({ r, d }) => ({
    caseId: r.id,
    // quoted to another resident: the public text staff approved, or until then the rule-masked proposal
    description: excerpt(r.publicText ?? proposePublicText(r.description), 60),
    locationLabel: r.locationLabel,
    distanceMeters: Math.round(d),
    createdAt: r.createdAt,
    status: r.status,
    statusLabel: statusLabel(r.kind, r.status),
    supporters: counts.get(r.id) ?? 0,
  }));
}

/** the kinds residents join with 我也遇到 (reports): the only ones a nearby duplicate is looked for in */
const supportedKinds = () => allKinds().filter((k) => k.features.support).map((k) => k.kind);
