import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { libpqEnv } from './pg-env.js';
import { heldBy } from './pid-lock.js';
import { diskMediaPaths } from '../media/import-disk-media.js';
import { PUBLIC_COPY_DIR } from '../media/media-store.js';
import { listMedia, MANIFEST_FILE, MEDIA_FOLDER, PG_DUMP_FILE, PGLITE_DUMP_FILE, type Manifest, type MediaFile } from './manifest.js';
import { mediaRows } from './media-rows.js';
import { rowCounts, type QueryRows } from './row-counts.js';

export class BackupError extends Error {}

/** runs a program to the end; its stderr becomes the error */
export function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (e: NodeJS.ErrnoException) =>
      reject(new BackupError(e.code === 'ENOENT' ? `${cmd} is not installed: apt-get install postgresql-client (the major version of the server)` : e.message)),
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${cmd} failed (${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`))));
  });
}

/**
 * npm run backup: one consistent snapshot in a new folder `<out>/minsheng-<time>`: the database
 * (pg_dump in custom format, inside a repeatable-read transaction whose snapshot also counts every
 * table's rows; or PGlite's own dump of the embedded database, which the running service must not
 * hold), the media, and manifest.json (rows per table, every media file's sha256), written last.
 * The media are a copy of MEDIA_DIR with the embedded database; with PostgreSQL they are rows of
 * media_files inside the dump (listed in the manifest from the same snapshot; the media folder stays
 * empty), and a MEDIA_DIR still holding files the database lacks (stored before media moved into
 * PostgreSQL) is refused: npm run media:import first. The folder appears under its final name only
 * when complete.
 */
export async function takeBackup(config: Config, out: string, now: Date = new Date()): Promise<{ dir: string; manifest: Manifest }> {
  const name = `minsheng-${now.toISOString().replace(/[:.]/g, '-')}`;
  const dir = path.resolve(out, name);
  const partial = `${dir}.partial`;
  if (existsSync(dir)) throw new BackupError(`${dir} exists already`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    const snapshot = config.databaseUrl ? await dumpPostgres(config.databaseUrl, partial) : await dumpEmbedded(config.dataDir, partial);
    let media: MediaFile[];
    if (snapshot.database === 'postgres') {
      await refuseMediaOutsideDatabase(config.mediaDir, snapshot.media);
      mkdirSync(path.join(partial, MEDIA_FOLDER));
      media = snapshot.media;
    } else {
      // media after the database: a photo filed meanwhile is on disk without its row, never the reverse
      cpSync(config.mediaDir, path.join(partial, MEDIA_FOLDER), { recursive: true, errorOnExist: false, force: true });
      media = listMedia(path.join(partial, MEDIA_FOLDER));
    }
    const manifest: Manifest = {
      format: 1,
      createdAt: now.toISOString(),
      database: snapshot.database,
      rows: snapshot.rows,
      mediaStore: snapshot.database === 'postgres' ? 'postgres' : 'disk',
      media,
    };
    writeFileSync(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(partial, dir);
    return { dir, manifest };
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}

async function dumpPostgres(url: string, dir: string): Promise<{ database: 'postgres'; rows: Record<string, number>; media: MediaFile[] }> {
  const { default: postgres } = await import('postgres');
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    let rows: Record<string, number> = {};
    let media: MediaFile[] = [];
    await sql.begin('isolation level repeatable read read only', async (tx) => {
      const [snap] = await tx<{ id: string }[]>`select pg_export_snapshot() as id`;
      const query: QueryRows = (text) => tx.unsafe(text) as unknown as Promise<Record<string, unknown>[]>;
      rows = await rowCounts(query);
      media = await mediaRows(query);
      // pg_dump reads the same snapshot while this transaction holds it open
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snap!.id}`, `--file=${path.join(dir, PG_DUMP_FILE)}`], libpqEnv(url));
    });
    return { database: 'postgres', rows, media };
  } finally {
    await sql.end({ timeout: 2 });
  }
}

async function dumpEmbedded(dataDir: string, dir: string): Promise<{ database: 'pglite'; rows: Record<string, number> }> {
  const holder = heldBy(dataDir);
  if (holder) throw new BackupError(`the embedded database under ${dataDir} is open in the running service (pid ${holder}): stop it, run the backup, start it again`);
  const source = path.join(dataDir, 'pglite');
  if (!existsSync(source)) throw new BackupError(`no embedded database under ${dataDir}`);
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite(source);
  try {
    await db.waitReady;
    const rows = await rowCounts(async (text) => (await db.query<Record<string, unknown>>(text)).rows);
    const dump = await db.dumpDataDir('gzip');
    writeFileSync(path.join(dir, PGLITE_DUMP_FILE), Buffer.from(await dump.arrayBuffer()));
    return { database: 'pglite', rows };
  } finally {
    await db.close();
  }
}

/** files under MEDIA_DIR that the database does not hold (public copies are made again at the first view) */
async function refuseMediaOutsideDatabase(mediaDir: string, inDatabase: MediaFile[]): Promise<void> {
  const held = new Set(inDatabase.map((f) => f.path));
  const outside = (await diskMediaPaths(mediaDir)).filter((p) => !held.has(p) && !p.startsWith(`${PUBLIC_COPY_DIR}/`));
  if (outside.length) {
    throw new BackupError(
      `MEDIA_DIR (${mediaDir}) holds ${outside.length} files the database does not (${outside.slice(0, 3).join(', ')}): media are kept in PostgreSQL now; run npm run media:import, then the backup again`,
    );
  }
}
