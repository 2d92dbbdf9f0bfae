import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { openDatabase } from '../db/client.js';
import { importDiskMedia } from '../media/import-disk-media.js';
import { pgMediaStore } from '../media/pg-media-store.js';
import { listMedia, MANIFEST_FILE, manifestSchema, MEDIA_FOLDER, PG_DUMP_FILE, PGLITE_DUMP_FILE, type Manifest, type MediaFile } from './manifest.js';
import { mediaRows } from './media-rows.js';
import { libpqEnv } from './pg-env.js';
import { heldBy } from './pid-lock.js';
import { rowCounts, type QueryRows } from './row-counts.js';
import { BackupError, run } from './take-backup.js';

/**
 * npm run restore: reads a snapshot of npm run backup back into an EMPTY database (a database with
 * tables, or an embedded one that exists, is refused: a restore never overwrites) and its media,
 * then counts every table and checks every media file against the manifest. Media kept in
 * PostgreSQL come back with the dump (media_files, each row's content hashed again); media on disk
 * are copied into MEDIA_DIR (an existing file that differs is refused), or, for a PostgreSQL backup
 * taken before media moved into the database, into media_files (the restored database migrated
 * first), where the service now reads them. Returns the manifest.
 */
export async function restoreBackup(config: Config, dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST_FILE);
  if (!existsSync(file)) throw new BackupError(`${dir} is not a finished backup (no ${MANIFEST_FILE})`);
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new BackupError(`${file} is not a backup manifest: ${parsed.error.issues[0]?.message}`);
  const manifest = parsed.data;
  const target = config.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.database !== target) {
    throw new BackupError(`the backup holds a ${manifest.database === 'postgres' ? 'PostgreSQL' : 'embedded'} database; restore it with ${manifest.database === 'postgres' ? 'DATABASE_URL set' : 'DATABASE_URL unset'}`);
  }
  const onDisk = manifest.mediaStore === 'disk';
  // the media first: a clash is found before the database is touched
  if (onDisk) checkMedia(path.join(dir, MEDIA_FOLDER), config.mediaDir, manifest);
  const { rows, media } = config.databaseUrl ? await restorePostgres(config.databaseUrl, dir) : await restoreEmbedded(config.dataDir, dir);
  const missing = Object.entries(manifest.rows).filter(([t, n]) => rows[t] !== n);
  if (missing.length) throw new BackupError(`restored, but the rows differ from the backup: ${missing.map(([t, n]) => `${t} ${rows[t] ?? 0} of ${n}`).join(', ')}`);
  if (!onDisk) {
    const found = new Map(media.map((f) => [f.path, f]));
    const bad = manifest.media.filter((f) => found.get(f.path)?.sha256 !== f.sha256 || found.get(f.path)?.bytes !== f.bytes);
    if (bad.length) throw new BackupError(`restored, but the media in the database differ from the backup: ${bad.slice(0, 3).map((f) => f.path).join(', ')}`);
  }
  if (onDisk && manifest.media.length) {
    if (config.databaseUrl) await importIntoPostgres(config.databaseUrl, path.join(dir, MEDIA_FOLDER));
    else cpSync(path.join(dir, MEDIA_FOLDER), config.mediaDir, { recursive: true, force: false, errorOnExist: false });
  }
  return manifest;
}

/** an older PostgreSQL backup's media folder, into the restored database's media_files */
async function importIntoPostgres(url: string, folder: string): Promise<void> {
  const database = await openDatabase({ url, dataDir: 'memory://' });
  try {
    await database.migrate();
    await importDiskMedia(folder, pgMediaStore(database.db));
  } finally {
    await database.close();
  }
}

/** the restored tables' rows, and the media the database holds (media_files) */
type Restored = { rows: Record<string, number>; media: MediaFile[] };

async function restorePostgres(url: string, dir: string): Promise<Restored> {
  const { default: postgres } = await import('postgres');
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = (await sql`select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`) as unknown as [{ n: number }];
    if (n > 0) throw new BackupError(`the database of DATABASE_URL is not empty (${n} tables): restore into a new, empty database`);
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${libpqEnv(url).PGDATABASE ?? ''}`, path.join(dir, PG_DUMP_FILE)], libpqEnv(url));
    const query: QueryRows = (text) => sql.unsafe(text) as unknown as Promise<Record<string, unknown>[]>;
    return { rows: await rowCounts(query), media: await mediaRows(query) };
  } finally {
    await sql.end({ timeout: 2 });
  }
}

async function restoreEmbedded(dataDir: string, dir: string): Promise<Restored> {
  const holder = heldBy(dataDir);
  if (holder) throw new BackupError(`the service (pid ${holder}) holds the embedded database under ${dataDir}: stop it first`);
  const target = path.join(dataDir, 'pglite');
  if (existsSync(target) && readdirSync(target).length > 0) throw new BackupError(`${target} is not empty: restore into a new DATA_DIR, or move that folder away first`);
  const { PGlite } = await import('@electric-sql/pglite');
  const dump = new Blob([readFileSync(path.join(dir, PGLITE_DUMP_FILE))]);
  const db = new PGlite(target, { loadDataDir: dump });
  try {
    await db.waitReady;
    const query: QueryRows = async (text) => (await db.query<Record<string, unknown>>(text)).rows;
    return { rows: await rowCounts(query), media: await mediaRows(query) };
  } finally {
    await db.close();
  }
}

/** the backup's media are what its manifest says, and none would overwrite a different file in MEDIA_DIR */
function checkMedia(from: string, to: string, manifest: Manifest): void {
  const theirs = new Map(listMedia(to).map((f) => [f.path, f.sha256]));
  const clash = manifest.media.filter((f) => theirs.has(f.path) && theirs.get(f.path) !== f.sha256);
  if (clash.length) throw new BackupError(`MEDIA_DIR holds other files under the backup's names: ${clash.slice(0, 3).map((f) => f.path).join(', ')}`);
  const inBackup = listMedia(from);
  const bad = manifest.media.filter((f) => !inBackup.some((g) => g.path === f.path && g.sha256 === f.sha256));
  if (bad.length) throw new BackupError(`the backup's media differ from its manifest: ${bad.slice(0, 3).map((f) => f.path).join(', ')}`);
}
