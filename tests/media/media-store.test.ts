import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { mediaFiles } from '../../src/db/schema.js';
import { diskMediaStore } from '../../src/media/disk-media-store.js';
import { mediaStoreFor } from '../../src/media/media-store-for.js';
import type { MediaStore } from '../../src/media/media-store.js';
import { pgMediaStore } from '../../src/media/pg-media-store.js';
import { cloneTemplate } from '../helpers/pg-template.js';

/** a store under test, and how many copies it keeps of one path (files on disk, rows in the table) */
interface Subject {
  store: MediaStore;
  copies(p: string): Promise<number>;
  close(): Promise<void>;
}

const AT = new Date('2026-03-31T23:30:00Z');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const disk = async (): Promise<Subject> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'media-store-'));
  return {
    store: diskMediaStore(dir),
    copies: async (p) => readdirSync(path.join(dir, path.dirname(p))).filter((f) => f.startsWith(path.basename(p))).length,
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
};

const postgres = async (): Promise<Subject> => {
  const clone = await cloneTemplate();
  const database = await openDatabase({ url: clone.url, dataDir: 'memory://' });
  return {
    store: pgMediaStore(database.db),
    copies: async (p) => (await database.db.select({ n: sql<number>`count(*)::int` }).from(mediaFiles).where(eq(mediaFiles.path, p)))[0]!.n,
    close: async () => {
      await database.close();
      await clone.drop();
    },
  };
};

describe.each([
  { name: 'disk (MEDIA_DIR)', open: disk },
  { name: 'PostgreSQL (media_files)', open: postgres },
])('the media store contract: $name', ({ open }) => {
  let s: Subject;
  beforeAll(async () => {
    s = await open();
  });
  afterAll(() => s?.close());

  it('keeps bytes under YYYY/MM/<sha256>.<ext> of the UTC month, and gives them back exactly', async () => {
    // every byte value, a NUL among them, and a photo-sized body
    const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(3 * 1024 * 1024)]);
    const stored = await s.store.put(bytes, 'jpg', AT);
    expect(stored).toEqual({ path: `2026/03/${sha(bytes)}.jpg`, sha256: sha(bytes), bytes: bytes.length });
    expect(await s.store.has(stored.path)).toBe(true);
    const back = await s.store.get(stored.path);
    expect(Buffer.isBuffer(back)).toBe(true);
    expect(back!.equals(bytes)).toBe(true);
  });

  it('storing the same bytes twice keeps one copy', async () => {
    const bytes = randomBytes(4096);
    const first = await s.store.put(bytes, 'png', AT);
    const [again, concurrent] = await Promise.all([s.store.put(bytes, 'png', AT), s.store.put(bytes, 'png', AT)]);
    expect(again).toEqual(first);
    expect(concurrent).toEqual(first);
    expect(await s.copies(first.path)).toBe(1);
  });

  it('finds nothing under a path it does not hold, nor under one it would never make', async () => {
    expect(await s.store.get('2026/03/none.jpg')).toBeUndefined();
    expect(await s.store.has('2026/03/none.jpg')).toBe(false);
    const { path: p } = await s.store.put(randomBytes(64), 'jpg', AT);
    for (const bad of [`../${p}`, `2026/../${p}`, `/${p}`, `./${p}`, `2026//03/x.jpg`, '', `${p}\0`, p.replaceAll('/', '\\')]) {
      expect(await s.store.get(bad), bad).toBeUndefined();
      expect(await s.store.has(bad), bad).toBe(false);
      await expect(s.store.putAt(bad, Buffer.from('x')), bad).rejects.toThrow(/unsafe media path/);
    }
  });

  it('refuses an extension that is not letters and digits', async () => {
    for (const ext of ['', 'j/pg', '../x', 'JPG', 'toolong']) await expect(s.store.put(Buffer.from('x'), ext, AT), ext).rejects.toThrow(/unsafe media extension/);
  });

  it('putAt keeps a derived copy under its name, the first one written', async () => {
    const name = `public/${sha(Buffer.from('original'))}.png`;
    await s.store.putAt(name, Buffer.from('first'));
    await s.store.putAt(name, Buffer.from('second'));
    expect((await s.store.get(name))!.toString()).toBe('first');
    expect(await s.copies(name)).toBe(1);
  });
});

describe('the disk store stays inside MEDIA_DIR', () => {
  it('a link out of the folder is not followed, a folder is not a file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'media-store-'));
    const outside = mkdtempSync(path.join(tmpdir(), 'media-outside-'));
    try {
      writeFileSync(path.join(outside, 'secret.txt'), 'not media');
      mkdirSync(path.join(dir, '2026'));
      symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, '2026', 'link.jpg'));
      const store = diskMediaStore(dir);
      expect(await store.get('2026/link.jpg')).toBeUndefined();
      expect(await store.has('2026')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('which store a deployment gets', () => {
  let database: Database;
  let clone: Awaited<ReturnType<typeof cloneTemplate>>;
  beforeAll(async () => {
    clone = await cloneTemplate();
    database = await openDatabase({ url: clone.url, dataDir: 'memory://' });
  });
  afterAll(async () => {
    await database?.close();
    await clone?.drop();
  });

  it('PostgreSQL whenever DATABASE_URL is set; MEDIA_DIR only for the embedded database', () => {
    expect(mediaStoreFor({ mediaDir: '/tmp/m' }, database).kind).toBe('postgres');
    expect(mediaStoreFor({ mediaDir: '/tmp/m' }, { db: database.db, kind: 'pglite' }).kind).toBe('disk');
  });

  it('two stores on two connections of one database (two instances) read what the other stored', async () => {
    const other = await openDatabase({ url: clone.url, dataDir: 'memory://' });
    try {
      const bytes = randomBytes(1000);
      const stored = await pgMediaStore(database.db).put(bytes, 'webp', AT);
      expect((await pgMediaStore(other.db).get(stored.path))!.equals(bytes)).toBe(true);
    } finally {
      await other.close();
    }
  });
});
