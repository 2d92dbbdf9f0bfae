import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, eq, sql } from 'drizzle-orm';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { communities, streets } from '../db/schema.js';
import { AppError } from '../errors.js';
import { ConfigError } from '../config/env.js';
import { readYamlFile } from '../config/yaml-file.js';
import { civicTexts, fill } from './texts.js';

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/);
/** a WGS-84 point (GPS datum, as cases store it) */
const point = z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });
/** GeoJSON Polygon (WGS-84, [lng, lat] pairs): the outer ring and any holes */
const polygon = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)])).min(4)).min(1),
});
/** where a place is: a polygon, or a centre and a radius in metres (either, both, or none) */
const area = {
  centre: point.optional(),
  radiusMetres: z.number().int().min(50).max(50_000).optional(),
  boundary: polygon.optional(),
};
const hasRadius = (a: { centre?: unknown; radiusMetres?: number | undefined }) => (a.centre === undefined) === (a.radiusMetres === undefined);
const fileSchema = z.object({
  streets: z
    .array(
      z.object({
        id: slug,
        name: z.string().min(1),
        district: z.string().min(1),
        /** words residents may write for the street (南头 for 南头街道) */
        aliases: z.array(z.string().min(1)).default([]),
        ...area,
        communities: z
          .array(
            z
              .object({ id: slug, name: z.string().min(1), aliases: z.array(z.string().min(1)).default([]), ...area })
              .refine(hasRadius, 'centre and radiusMetres go together'),
          )
          .min(1),
      }).refine(hasRadius, 'centre and radiusMetres go together'),
    )
    .min(1),
  /** places the account does not serve, with who does (a point or a name there gets this answer) */
  elsewhere: z
    .array(
      z.object({ name: z.string().min(1), names: z.array(z.string().min(1)).default([]), office: z.string().min(1), ...area }).refine(hasRadius, 'centre and radiusMetres go together'),
    )
    .default([]),
  /** the answer for a point outside every configured street when no `elsewhere` entry knows it */
  outsideOffice: z.string().min(1).optional(),
});
export type CommunitiesFile = z.infer<typeof fileSchema>;

export const defaultCommunitiesFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../config/communities.yaml',
);

export interface Community {
  id: string;
  name: string;
  aliases: string[];
  streetId: string;
  streetName: string;
  district: string;
}

export function parseCommunitiesFile(text: string): CommunitiesFile {
  return checkedCommunities(fileSchema.parse(parse(text)));
}

/** config/communities.yaml (or another file): a bad one is a ConfigError naming it, in one line */
export function readCommunitiesFile(file: string = defaultCommunitiesFile): CommunitiesFile {
  try {
    return checkedCommunities(readYamlFile(file, fileSchema));
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError([`${path.relative(process.cwd(), file) || file}: ${e instanceof Error ? e.message : String(e)}`]);
  }
}

function checkedCommunities(parsed: CommunitiesFile): CommunitiesFile {
  const seen = new Set<string>();
  for (const s of parsed.streets)
    for (const c of s.communities) {
      if (seen.has(c.id)) throw new Error(`communities file: duplicate community id ${c.id}`);
      seen.add(c.id);
    }
  return parsed;
}

/** Upserts every street and community of the file (idempotent; nothing is deleted). */
export async function seedCommunities(
  db: Db,
  file: string = defaultCommunitiesFile,
): Promise<{ streets: number; communities: number }> {
  const data = readCommunitiesFile(file);
  let n = 0;
  await db.transaction(async (tx) => {
    for (const s of data.streets) {
      await tx
        .insert(streets)
        .values({ id: s.id, name: s.name, district: s.district })
        .onConflictDoUpdate({ target: streets.id, set: { name: s.name, district: s.district } });
      for (const c of s.communities) {
        n += 1;
        await tx
          .insert(communities)
          .values({ id: c.id, streetId: s.id, name: c.name, aliases: c.aliases })
          .onConflictDoUpdate({
            target: communities.id,
            set: { streetId: s.id, name: c.name, aliases: sql`excluded.aliases` },
          });
      }
    }
  });
  return { streets: data.streets.length, communities: n };
}

const communityColumns = {
  id: communities.id,
  name: communities.name,
  aliases: communities.aliases,
  streetId: communities.streetId,
  streetName: streets.name,
  district: streets.district,
};

/** all communities (of one street when given), by street then name */
export async function listCommunities(db: Db, streetId?: string): Promise<Community[]> {
  const q = db.select(communityColumns).from(communities).innerJoin(streets, eq(streets.id, communities.streetId));
  const rows = await (streetId ? q.where(eq(communities.streetId, streetId)) : q).orderBy(
    asc(communities.streetId),
    asc(communities.id),
  );
  return rows;
}

/** undefined when there is no such community */
export async function findCommunity(db: Db, id: string): Promise<Community | undefined> {
  const [row] = await db
    .select(communityColumns)
    .from(communities)
    .innerJoin(streets, eq(streets.id, communities.streetId))
    .where(eq(communities.id, id));
  return row;
}

/** AppError 'not_found' when there is no such community */
export async function getCommunity(db: Db, id: string): Promise<Community> {
  const c = await findCommunity(db, id);
  if (!c) throw new AppError('not_found', fill(civicTexts.errors.communityNotFound, { id }), { reason: 'unknown_community' });
  return c;
}

/**
 * Communities a resident's words may mean: an exact name or alias first, then names or aliases the
 * text contains (longest match first). Empty when nothing matches; several when ambiguous.
 */
export async function matchCommunities(db: Db, text: string, streetId?: string): Promise<Community[]> {
  const t = text.replace(/\s+/g, '');
  if (!t) return [];
  const all = await listCommunities(db, streetId);
  const words = (c: Community) => [c.name, ...c.aliases];
  const exact = all.filter((c) => words(c).includes(t));
  if (exact.length) return exact;
  const scored = all
    .map((c) => ({ c, len: Math.max(0, ...words(c).filter((w) => t.includes(w)).map((w) => w.length)) }))
    .filter((x) => x.len > 0)
    .sort((a, b) => b.len - a.len);
  const best = scored[0]?.len;
  return scored.filter((x) => x.len === best).map((x) => x.c);
}
