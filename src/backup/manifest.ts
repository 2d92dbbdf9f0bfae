import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const MANIFEST_FILE = 'manifest.json';
/** pg_dump's custom format (PostgreSQL) */
export const PG_DUMP_FILE = 'database.pgdump';
/** PGlite's own dump of its data directory (the embedded database) */
export const PGLITE_DUMP_FILE = 'pglite.tar.gz';
/** a copy of MEDIA_DIR: residents' photos, staff photos, minutes (empty when they are in the database) */
export const MEDIA_FOLDER = 'media';

const mediaFileSchema = z.object({ path: z.string().min(1), bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** What a snapshot holds, written last: a folder without it is an unfinished backup. */
export const manifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.iso.datetime(),
  database: z.enum(['postgres', 'pglite']),
  /** rows of every table, counted in the same snapshot as the dump: a restore must find them all */
  rows: z.record(z.string(), z.number().int().min(0)),
  /**
   * where the media files are: 'disk' = copied from MEDIA_DIR into media/ (the embedded database);
   * 'postgres' = rows of media_files, inside the database dump (media/ is empty). Backups made
   * before media moved into PostgreSQL have no such field: their media are on disk.
   */
  mediaStore: z.enum(['disk', 'postgres']).default('disk'),
  /** every media file with its size and sha256, as listed from the folder or the media_files rows */
  media: z.array(mediaFileSchema),
});
export type Manifest = z.infer<typeof manifestSchema>;
export type MediaFile = z.infer<typeof mediaFileSchema>;

/** every file under dir, relative, with its size and sha256, in a stable order */
export function listMedia(dir: string): MediaFile[] {
  const out: MediaFile[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const data = readFileSync(p);
        out.push({ path: path.relative(dir, p).split(path.sep).join('/'), bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
      }
    }
  };
  walk(dir);
  return out;
}
