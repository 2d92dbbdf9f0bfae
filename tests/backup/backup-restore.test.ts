import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { asc } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { holdEmbedded } from '../../src/backup/pid-lock.js';
import { restoreBackup } from '../../src/backup/restore-backup.js';
import { takeBackup } from '../../src/backup/take-backup.js';
import { seedCommunities, submitReport, subscribeCase, ensureResident, transition } from '../../src/civic/index.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { openDatabase, type Db } from '../../src/db/client.js';
import { caseEvents, caseMedia, cases, subscriptions } from '../../src/db/schema.js';
import { importDiskMedia } from '../../src/media/import-disk-media.js';
import { mediaStoreFor } from '../../src/media/media-store-for.js';
import { pgMediaStore } from '../../src/media/pg-media-store.js';
import { cloneTemplate, databaseUrl, freshName } from '../helpers/pg-template.js';
import { TEST_PG_ADMIN_URL } from '../helpers/servers.js';

const tmp = (p: string) => mkdtempSync(path.join(tmpdir(), p));
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** a new database with no tables at all (not the migrated template) */
async function emptyPostgres(): Promise<string> {
  const name = freshName();
  const admin = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end({ timeout: 1 });
  cleanups.push(async () => {
    const a = postgres(TEST_PG_ADMIN_URL, { max: 1, onnotice: () => {} });
    await a.unsafe(`drop database if exists ${name} with (force)`);
    await a.end({ timeout: 1 });
  });
  return databaseUrl(name);
}

const configFor = (kind: 'postgres' | 'pglite', url?: string): Config => loadConfig({ DATA_DIR: tmp('backup-data-'), LOG_LEVEL: 'silent', ...(kind === 'postgres' ? { DATABASE_URL: url } : {}) });

/** what a restore must give back: cases, their timeline, photos and subscriptions */
async function snapshotOf(db: Db) {
  return {
    cases: await db.select().from(cases).orderBy(asc(cases.id)),
    events: await db.select().from(caseEvents).orderBy(asc(caseEvents.id)),
    media: await db.select().from(caseMedia).orderBy(asc(caseMedia.id)),
    subscriptions: await db.select().from(subscriptions).orderBy(asc(subscriptions.caseId), asc(subscriptions.openid)),
  };
}

/** two reports, one with a photo (in the deployment's media store: PostgreSQL's media_files, or MEDIA_DIR), one accepted with a follower */
async function fill(config: Config): Promise<{ photo: Buffer; photoPath: string }> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    await seedCommunities(database.db);
    const now = new Date('2026-03-02T02:00:00Z');
    const photo = randomBytes(2048);
    const { path: photoPath } = await mediaStoreFor(config, database).put(photo, 'jpg', now);
    const report = (openid: string, withPhoto: boolean) =>
      submitReport(
        database.db,
        {
          openid,
          sourceKey: `k-${openid}`,
          category: 'streetlight',
          description: '中山南街路灯不亮',
          communityId: 'nantoucheng',
          photos: withPhoto ? [{ path: photoPath, sha256: createHash('sha256').update(photo).digest('hex'), bytes: photo.length, contentType: 'image/jpeg' }] : [],
        },
        { now },
      );
    await report('o-backup-1', true);
    const { caseId } = await report('o-backup-2', false);
    await ensureResident(database.db, 'o-backup-3', now);
    await subscribeCase(database.db, caseId, 'o-backup-3', now);
    await transition(database.db, { caseId, to: 'accepted', actor: { type: 'staff', id: 'staff:1' }, publicNote: '已派单', data: { assignee: '城管办' } }, { now });
    return { photo, photoPath };
  } finally {
    await database.close();
  }
}

describe.each(['postgres', 'pglite'] as const)('npm run backup and restore (%s)', (kind) => {
  it('a snapshot restored into an empty database finds every case, event, photo and subscription', async () => {
    const source = kind === 'postgres' ? await cloneTemplate() : undefined;
    if (source) cleanups.push(source.drop);
    const a = configFor(kind, source?.url);
    const { photo, photoPath } = await fill(a);
    const out = tmp('backups-');
    const { dir, manifest } = await takeBackup(a, out, new Date('2026-03-03T00:00:00Z'));
    expect(path.basename(dir)).toBe('minsheng-2026-03-03T00-00-00-000Z');
    expect(manifest.rows).toMatchObject({ cases: 2, subscriptions: 3 });
    expect(manifest.media.map((m) => m.path)).toEqual([photoPath]);
    expect(manifest.media[0]).toMatchObject({ bytes: photo.length, sha256: createHash('sha256').update(photo).digest('hex') });
    // with PostgreSQL the photo is a row of the dump, not a file of the backup
    expect(manifest.mediaStore).toBe(kind === 'postgres' ? 'postgres' : 'disk');
    expect(readdirSync(path.join(dir, 'media'), { recursive: true }).length > 0).toBe(kind === 'pglite');
    expect(manifest.rows.media_files).toBe(kind === 'postgres' ? 1 : 0);

    const b = configFor(kind, kind === 'postgres' ? await emptyPostgres() : undefined);
    await restoreBackup(b, dir);

    const [da, db] = [await openDatabase({ url: a.databaseUrl, dataDir: a.dataDir }), await openDatabase({ url: b.databaseUrl, dataDir: b.dataDir })];
    try {
      const [sa, sb] = [await snapshotOf(da.db), await snapshotOf(db.db)];
      expect(sb).toEqual(sa);
      expect(sb.cases).toHaveLength(2);
      expect(sb.media).toHaveLength(1);
      expect(sb.events.length).toBeGreaterThanOrEqual(3);
      // the restored database is one the service can migrate and use
      await db.migrate();
      // and the photo comes back where the service reads it: in the database, or under MEDIA_DIR
      expect((await mediaStoreFor(b, db).get(photoPath))?.equals(photo)).toBe(true);
      expect(existsSync(path.join(b.mediaDir, photoPath))).toBe(kind === 'pglite');
    } finally {
      await da.close();
      await db.close();
    }

    // a restore never overwrites: the same target again is refused, and nothing changes
    await expect(restoreBackup(b, dir)).rejects.toThrow(/not empty/);
  }, 120_000);
});

describe('backup refusals', () => {
  it('the embedded database while the service holds it', async () => {
    const c = configFor('pglite');
    await fill(c);
    const release = holdEmbedded(c.dataDir);
    try {
      await expect(takeBackup(c, tmp('backups-'))).rejects.toThrow(`is open in the running service (pid ${process.pid})`);
    } finally {
      release();
    }
  }, 60_000);

  it('a folder that is not a finished backup, and a backup of the other kind of database', async () => {
    const c = configFor('pglite');
    await expect(restoreBackup(c, tmp('not-a-backup-'))).rejects.toThrow(/not a finished backup/);
    const dir = tmp('fake-backup-');
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ format: 1, createdAt: '2026-03-03T00:00:00.000Z', database: 'postgres', rows: {}, media: [] }));
    await expect(restoreBackup(c, dir)).rejects.toThrow(/DATABASE_URL set/);
  });

  it('a PostgreSQL restore whose media rows differ from the manifest', async () => {
    const source = await cloneTemplate();
    cleanups.push(source.drop);
    const a = configFor('postgres', source.url);
    await fill(a);
    const { dir, manifest } = await takeBackup(a, tmp('backups-'));
    const tampered = { ...manifest, media: manifest.media.map((m) => ({ ...m, sha256: 'f'.repeat(64) })) };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(tampered));
    await expect(restoreBackup(configFor('postgres', await emptyPostgres()), dir)).rejects.toThrow(/media in the database differ from the backup: \d{4}\/\d{2}\/[0-9a-f]{64}\.jpg/);
  }, 60_000);

  it('a PostgreSQL backup while MEDIA_DIR still holds photos from before media moved into the database, until npm run media:import', async () => {
    const source = await cloneTemplate();
    cleanups.push(source.drop);
    const a = configFor('postgres', source.url);
    await fill(a);
    const old = randomBytes(512);
    mkdirSync(path.join(a.mediaDir, '2025/11'), { recursive: true });
    writeFileSync(path.join(a.mediaDir, '2025/11/old.jpg'), old);
    await expect(takeBackup(a, tmp('backups-'))).rejects.toThrow(/holds 1 files the database does not \(2025\/11\/old\.jpg\): .*npm run media:import/);
    const database = await openDatabase({ url: a.databaseUrl, dataDir: a.dataDir });
    try {
      const store = pgMediaStore(database.db);
      expect(await importDiskMedia(a.mediaDir, store)).toEqual({ imported: 1, present: 0 });
      expect(await importDiskMedia(a.mediaDir, store)).toEqual({ imported: 0, present: 1 });
      expect((await store.get('2025/11/old.jpg'))?.equals(old)).toBe(true);
    } finally {
      await database.close();
    }
    const { manifest } = await takeBackup(a, tmp('backups-'));
    expect(manifest.media.map((m) => m.path)).toContain('2025/11/old.jpg');
  }, 60_000);

  it('a PostgreSQL backup from before media moved into the database: its media folder is restored into media_files', async () => {
    const source = await cloneTemplate();
    cleanups.push(source.drop);
    const a = configFor('postgres', source.url);
    const { photo, photoPath } = await fill(a);
    // the shape of such a backup: the photo a file of the backup, the manifest without mediaStore
    const sa = postgres(source.url, { max: 1, onnotice: () => {} });
    await sa`delete from media_files`;
    await sa.end({ timeout: 1 });
    const { dir, manifest } = await takeBackup(a, tmp('backups-'));
    mkdirSync(path.dirname(path.join(dir, 'media', photoPath)), { recursive: true });
    writeFileSync(path.join(dir, 'media', photoPath), photo);
    const { mediaStore: _, ...old } = { ...manifest, media: [{ path: photoPath, bytes: photo.length, sha256: createHash('sha256').update(photo).digest('hex') }] };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(old));

    const b = configFor('postgres', await emptyPostgres());
    expect((await restoreBackup(b, dir)).mediaStore).toBe('disk');
    const restored = await openDatabase({ url: b.databaseUrl, dataDir: b.dataDir });
    try {
      expect((await pgMediaStore(restored.db).get(photoPath))?.equals(photo)).toBe(true);
    } finally {
      await restored.close();
    }
    expect(existsSync(path.join(b.mediaDir, photoPath))).toBe(false);
  }, 60_000);

  it('npm run backup and npm run restore, as an operator runs them, on PostgreSQL', async () => {
    const source = await cloneTemplate();
    cleanups.push(source.drop);
    const a = configFor('postgres', source.url);
    await fill(a);
    const out = tmp('backups-cli-');
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: a.dataDir, DATABASE_URL: source.url, LOG_LEVEL: 'silent' };
    const backup = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/backup.ts', '--out', out], { env, encoding: 'utf8' });
    expect(backup.stderr).toBe('');
    expect(backup.stdout).toMatch(/backup written: .*minsheng-.*\n {2}PostgreSQL: 2 cases, \d+ events, 3 subscriptions; 1 media files/);
    const dir = /backup written: (\S+)/.exec(backup.stdout)![1]!;
    const target = await emptyPostgres();
    const restore = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/restore.ts', dir], { env: { ...env, DATA_DIR: tmp('restore-data-'), DATABASE_URL: target }, encoding: 'utf8' });
    expect(restore.stderr).toBe('');
    expect(restore.stdout).toMatch(/restored the backup of .*: \d+ tables, \d+ rows, 1 media files, all checked/);
    const again = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/restore.ts', dir], { env: { ...env, DATABASE_URL: target }, encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/restore failed: the database of DATABASE_URL is not empty/);
    rmSync(out, { recursive: true, force: true });
  }, 60_000);
});
