import { defaultCommunitiesFile, readCommunitiesFile, type CommunitiesFile } from './communities.js';

/**
 * Where a problem is, in the terms of the account's map (config/communities.yaml): which community
 * (or only which street) a reported place belongs to, or that it lies outside every street the
 * account serves and who serves it instead.
 *
 * The place's words come first: the shared location's label (Tencent's address of the point) or
 * the typed address, matched against community names and aliases, street names and the names of
 * places served elsewhere; the longest match wins, and at equal length the more specific one
 * (a community before its street). Then its point, against each community's boundary polygon or
 * centre + radius (the nearest centre when several hold it), then each street's own area. A point
 * in none of them, on a map that has areas at all, is outside.
 *
 * Points and areas are WGS-84 (GPS): WeChat's GCJ-02 is converted once, when the message arrives.
 */
export type Place =
  | { type: 'community'; communityId: string; streetId: string }
  /** inside a street, the community unknown (or several of the street's equally named) */
  | { type: 'street'; streetId: string }
  /** no configured street: `office` says who serves it (the entry's, else the file's outsideOffice) */
  | { type: 'outside'; office: string | undefined; where: string | undefined }
  /** the place says nothing the map knows */
  | { type: 'unknown' };

export interface PlaceQuery {
  lat?: number | undefined;
  lng?: number | undefined;
  label?: string | undefined;
}

type Area = Pick<CommunitiesFile['streets'][number], 'centre' | 'radiusMetres' | 'boundary'>;

export interface PlaceMap {
  file: CommunitiesFile;
  /** the street names the account serves, in file order */
  served: string[];
}

let cached: { file: string; map: PlaceMap } | undefined;

/** the map of the communities file (read once per file) */
export function loadPlaceMap(file: string = defaultCommunitiesFile): PlaceMap {
  if (cached?.file === file) return cached.map;
  const map = placeMap(readCommunitiesFile(file));
  cached = { file, map };
  return map;
}

export function placeMap(file: CommunitiesFile): PlaceMap {
  return { file, served: file.streets.map((s) => s.name) };
}

/** great-circle distance in metres */
export function metresBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/** ray casting over one ring of [lng, lat] pairs */
function inRing(ring: readonly (readonly [number, number])[], lat: number, lng: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** how far the point is from the area's centre when the area holds it (0 inside a polygon without one); undefined outside */
function holds(a: Area, p: { lat: number; lng: number }): number | undefined {
  const d = a.centre ? metresBetween(a.centre, p) : 0;
  if (a.boundary) {
    const [outer, ...holes] = a.boundary.coordinates;
    if (outer && inRing(outer, p.lat, p.lng) && !holes.some((h) => inRing(h, p.lat, p.lng))) return d;
    return undefined;
  }
  if (a.centre && a.radiusMetres !== undefined && d <= a.radiusMetres) return d;
  return undefined;
}

const hasArea = (a: Area) => !!a.boundary || !!a.centre;

/** where `word` occurs in `text`, as [start, end) code-unit ranges */
function occurrences(text: string, word: string): [number, number][] {
  const found: [number, number][] = [];
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) found.push([i, i + word.length]);
  return found;
}

/** the longest of `words` inside `text` (0: none), not counting an occurrence inside one of `covered` */
function longestIn(text: string, words: readonly string[], covered: readonly [number, number][] = []): number {
  const free = (w: string) => occurrences(text, w).some(([a, b]) => !covered.some(([c, d]) => c <= a && b <= d && d - c > b - a));
  return Math.max(0, ...words.filter((w) => w && free(w)).map((w) => [...w].length));
}

/**
 * the place the words name. A community is the most specific: the longest community name or alias
 * wins, except inside a longer street name (葵涌街道 names the street, not 葵涌社区); then a
 * street; then a place served elsewhere.
 */
export function placeByWords(map: PlaceMap, text: string): Place {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (!t) return { type: 'unknown' };
  const { streets, elsewhere } = map.file;
  const streetHits = streets
    .map((s) => ({ s, len: longestIn(t, [s.name, ...s.aliases]) }))
    .filter((h) => h.len > 0)
    .sort((a, b) => b.len - a.len);
  // where the text names a street: a community word only inside a longer street name does not count
  const streetSpans = streets.flatMap((s) => [s.name, ...s.aliases].flatMap((w) => occurrences(t, w)));
  const communityHits = streets
    .flatMap((s) => s.communities.map((c) => ({ c, s, len: longestIn(t, [c.name, ...c.aliases], streetSpans) })))
    .filter((h) => h.len > 0)
    .sort((a, b) => b.len - a.len);
  const best = communityHits.filter((h) => h.len === communityHits[0]?.len);
  if (best.length === 1) return { type: 'community', communityId: best[0]!.c.id, streetId: best[0]!.s.id };
  const namedStreet = streetHits[0]?.s.id;
  // several communities named alike: the street, when they share one (or the words name it)
  if (best.length > 1) {
    const own = best.filter((h) => !namedStreet || h.s.id === namedStreet);
    if (own.length === 1) return { type: 'community', communityId: own[0]!.c.id, streetId: own[0]!.s.id };
    const shared = new Set(best.map((h) => h.s.id));
    if (shared.size === 1) return { type: 'street', streetId: best[0]!.s.id };
  }
  if (namedStreet) return { type: 'street', streetId: namedStreet };
  const other = elsewhere
    .map((e) => ({ e, len: longestIn(t, [e.name, ...e.names]) }))
    .filter((h) => h.len > 0)
    .sort((a, b) => b.len - a.len)[0];
  return other ? { type: 'outside', office: other.e.office, where: other.e.name } : { type: 'unknown' };
}

/** the place a WGS-84 point lies in */
export function placeByPoint(map: PlaceMap, p: { lat: number; lng: number }): Place {
  let best: { d: number; place: Place } | undefined;
  for (const s of map.file.streets)
    for (const c of s.communities) {
      const d = holds(c, p);
      if (d !== undefined && (!best || d < best.d)) best = { d, place: { type: 'community', communityId: c.id, streetId: s.id } };
    }
  if (best) return best.place;
  for (const s of map.file.streets) {
    const d = holds(s, p);
    if (d !== undefined && (!best || d < best.d)) best = { d, place: { type: 'street', streetId: s.id } };
  }
  if (best) return best.place;
  for (const e of map.file.elsewhere) if (holds(e, p) !== undefined) return { type: 'outside', office: e.office, where: e.name };
  const mapped = map.file.streets.some((s) => hasArea(s) || s.communities.some(hasArea));
  return mapped ? { type: 'outside', office: map.file.outsideOffice, where: undefined } : { type: 'unknown' };
}

/** where a reported place is: its words first, then its point (see the file's comment) */
export function placeOf(map: PlaceMap, q: PlaceQuery): Place {
  const byWords = q.label ? placeByWords(map, q.label) : ({ type: 'unknown' } as const);
  if (byWords.type === 'community' || byWords.type === 'outside') return byWords;
  const byPoint = q.lat !== undefined && q.lng !== undefined ? placeByPoint(map, { lat: q.lat, lng: q.lng }) : ({ type: 'unknown' } as const);
  if (byWords.type === 'street') return byPoint.type === 'community' && byPoint.streetId === byWords.streetId ? byPoint : byWords;
  return byPoint;
}
