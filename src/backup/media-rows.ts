import type { MediaFile } from './manifest.js';
import type { QueryRows } from './row-counts.js';

/**
 * The media files kept in PostgreSQL (media_files, media/pg-media-store.ts), in path order, with
 * the sha256 of their content as the database computes it (`sha256(bytea)`, PostgreSQL 11+): the
 * list a backup's manifest holds, and what a restore must find again. None when the table does not
 * exist (a database not yet migrated to it).
 */
export async function mediaRows(query: QueryRows): Promise<MediaFile[]> {
  const [exists] = await query(`select to_regclass('public.media_files') is not null as present`);
  if (!exists?.present) return [];
  const rows = await query(`select path, octet_length(content) as bytes, encode(sha256(content), 'hex') as sha256 from media_files order by path collate "C"`);
  return rows.map((r) => ({ path: String(r.path), bytes: Number(r.bytes), sha256: String(r.sha256) }));
}
