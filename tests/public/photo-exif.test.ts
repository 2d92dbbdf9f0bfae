import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { phonePhoto } from '../helpers/phone-photo.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { caseMedia } from '../../src/db/schema.js';
import { storeMediaFile } from '../../src/media/store-media-file.js';
import { openSeeded, report } from '../civic/fixtures.js';
import { NOW, setPhotosState, startPages, type PagesServer } from './fixtures.js';

/** the APPn segments of a JPEG (APP1 holds EXIF and XMP, APP13 IPTC), read marker by marker up to the image data */
function jpegAppSegments(bytes: Buffer): string[] {
  expect(bytes.readUInt16BE(0)).toBe(0xffd8);
  const found: string[] = [];
  let i = 2;
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]!;
    if (marker === 0xda) break; // start of scan: no more headers
    const length = bytes.readUInt16BE(i + 2);
    if (marker >= 0xe0 && marker <= 0xef) found.push(`APP${marker - 0xe0}:${bytes.subarray(i + 4, i + 8).toString('latin1')}`);
    i += 2 + length;
  }
  return found;
}

describe('public photos carry no EXIF', () => {
  let database: Database;
  let mediaDir: string;
  let srv: PagesServer;
  beforeAll(async () => {
    database = await openSeeded();
    mediaDir = mkdtempSync(path.join(tmpdir(), 'msw-exif-'));
    srv = await startPages({ db: database.db, mediaDir, now: () => NOW });
  });
  afterAll(async () => {
    await srv.close();
    await database.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('a shown photo is served upright, without the GPS position or the phone model, even one stored with them (before photos were normalised on arrival)', async () => {
    const original = await phonePhoto();
    const before = await sharp(original).metadata();
    // the photo really carries what must not go out
    expect(before.orientation).toBe(6);
    expect(before.exif).toBeDefined();
    expect(original.includes(Buffer.from('ResidentPhone'))).toBe(true);
    expect(before.exif!.includes(Buffer.from([0x88, 0x25])) || before.exif!.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPS IFD pointer
    expect(jpegAppSegments(original).some((s) => s.startsWith('APP1:Exif'))).toBe(true);

    const stored = await storeMediaFile(mediaDir, original, 'jpg', NOW);
    const id = await report(database.db, { openid: 'o-exif', photos: [{ ...stored, contentType: 'image/jpeg' }] });
    await setPhotosState(database.db, id, 'shown');
    const [media] = await database.db.select({ id: caseMedia.id }).from(caseMedia).where(eq(caseMedia.caseId, id));

    const served = await srv.get(`/c/${id}/photos/${media!.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Number(served.headers.get('content-length'))).toBe(served.bytes.length);
    expect(jpegAppSegments(served.bytes).filter((s) => s.startsWith('APP1') || s.startsWith('APP13'))).toEqual([]);
    expect(served.bytes.includes(Buffer.from('ResidentPhone'))).toBe(false);
    expect(served.bytes.includes(Buffer.from('RP-1'))).toBe(false);
    const after = await sharp(served.bytes).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    // turned by its orientation before the tag went: a viewer shows it as the resident saw it
    expect([after.width, after.height]).toEqual([30, 60]);

    // a repeat view is the same copy (one file per content hash), and a 304 by its own ETag
    const again = await srv.get(`/c/${id}/photos/${media!.id}`, { 'if-none-match': served.headers.get('etag')!, 'cache-control': 'max-age=0' });
    expect(again.status).toBe(304);
    expect(served.headers.get('etag')).not.toContain(stored.sha256 + '"');
    // the stored file is untouched on disk (new photos are normalised on arrival: tests/media)
    expect(readFileSync(path.join(mediaDir, stored.path)).equals(original)).toBe(true);
  });
});
