import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { normaliseImage } from '../../src/media/normalise-image.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { PHOTO_UPLOAD_MAX_BYTES } from '../../src/console/contract.js';
import { auditLog, caseMedia } from '../../src/db/schema.js';
import { samplePhoto } from '../../src/simulator/sample-image.js';
import { ctxAt, report, staff, wish } from '../civic/fixtures.js';
import { startPages, type PagesServer } from '../public/fixtures.js';
import { startConsole, type Answer, type Client, type ConsoleHarness } from './harness.js';

const PNG = samplePhoto(7, 64, 48);
/** the first bytes of a JPEG and of a WebP: the route reads the type from them */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF jpeg body')]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x20, 0, 0, 0]), Buffer.from('WEBPVP8 webp body')]);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

/**
 * 上传照片: staff attach a photo to a case in the console (the wish fulfilled, the lamp mended). It
 * is stored under MEDIA_DIR as residents' photos are, shown on the public page at once, entered on
 * the timeline and in the audit log; only images whose bytes are what they claim, within the limit,
 * by staff in scope.
 */
describe('staff photo upload (postgres)', () => {
  let h: ConsoleHarness;
  let pages: PagesServer;
  let nt: Client; // community staff of 南头城
  let lz: Client; // community staff of 龙珠
  let deputy: Client;
  let ntId: number;

  const upload = async (who: Client, caseId: number, body: Buffer, contentType: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${h.url}/api/console/cases/${caseId}/photos`, {
      method: 'POST',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': contentType, ...headers },
      body: new Uint8Array(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: text.startsWith('{') ? JSON.parse(text) : undefined, body: Buffer.from(text) };
  };
  const mediaOf = (caseId: number) => h.db.select().from(caseMedia).where(eq(caseMedia.caseId, caseId)).orderBy(caseMedia.id);

  beforeAll(async () => {
    h = await startConsole('postgres');
    ntId = await h.user('nt', 'community', { communityId: 'nantoucheng' });
    await h.user('lz', 'community', { communityId: 'longzhu' });
    await h.user('dep', 'deputy', { communityId: 'nantoucheng' });
    [nt, lz, deputy] = (await Promise.all(['nt', 'lz', 'dep'].map((u) => h.login(u)))) as [Client, Client, Client];
    pages = await startPages({ db: h.db, mediaDir: h.mediaDir, now: h.clock.now });
  });
  afterAll(async () => {
    await pages.close();
    await h.close();
  });

  it('stores the photo as residents’ photos are, shows it on the public page at once, on the timeline and in the audit log', async () => {
    const id = await wish(h.db, { communityId: 'nantoucheng' }, h.clock.now());
    await transition(h.db, { caseId: id, to: 'published', actor: staff }, ctxAt(h.clock.now()));
    const r = await upload(nt, id, PNG, 'image/png');
    expect(r.status).toBe(201);
    // kept normalised (normalise-image.ts): the same picture, re-encoded without metadata
    const kept = await normaliseImage(PNG, 'image/png');
    expect(r.json).toMatchObject({ source: 'staff', publicState: 'shown', contentType: 'image/png', bytes: kept.buffer.length, moderatedBy: null });
    const mediaId = r.json.id as number;

    // MEDIA_DIR/YYYY/MM/<sha256>.png (the harness's clock: March 2026)
    const sha = createHash('sha256').update(kept.buffer).digest('hex');
    const [row] = await mediaOf(id);
    expect(row).toMatchObject({ id: mediaId, path: `2026/03/${sha}.png`, sha256: sha, source: 'staff', publicState: 'shown' });
    expect(readFileSync(path.join(h.mediaDir, '2026', '03', `${sha}.png`))).toEqual(kept.buffer);
    expect((await nt.get(r.json.url)).body).toEqual(kept.buffer);
    expect(await sharp(kept.buffer).raw().toBuffer()).toEqual(await sharp(PNG).raw().toBuffer());

    const pub = await pages.get(`/c/${id}/photos/${mediaId}`);
    expect(pub.status).toBe(200);
    // the public copy: the same picture, without metadata (tests/public/photo-exif.test.ts)
    expect(await sharp(pub.bytes).raw().toBuffer()).toEqual(await sharp(PNG).raw().toBuffer());

    const d = (await nt.get(`/api/console/cases/${id}`)).json;
    expect(d.photos.map((p: { id: number }) => p.id)).toEqual([mediaId]);
    expect(d.timeline.at(-1)).toMatchObject({ type: 'note', actorName: 'nt名', internalNote: '上传照片', data: { photos: 1 }, public: false });
    const [audit] = await h.db.select().from(auditLog).where(and(eq(auditLog.target, `case:${id}`), eq(auditLog.action, 'case.photo_upload')));
    expect(audit).toMatchObject({ staffId: ntId, after: { mediaId, eventId: d.timeline.at(-1).id, path: `2026/03/${sha}.png`, sha256: sha, bytes: kept.buffer.length, contentType: 'image/png' } });

    // the same bytes again: a second photo of the case, one file
    expect((await upload(nt, id, PNG, 'image/png')).status).toBe(201);
    expect(await mediaOf(id)).toHaveLength(2);
    expect(readdirSync(path.join(h.mediaDir, '2026', '03')).filter((f) => f.startsWith(sha))).toEqual([`${sha}.png`]);
  });

  it('takes JPEG and WebP too, each under its own extension', async () => {
    const id = await report(h.db, { communityId: 'nantoucheng' });
    expect((await upload(nt, id, JPEG, 'image/jpeg')).status).toBe(201);
    expect((await upload(nt, id, WEBP, 'image/webp; charset=binary')).status).toBe(201);
    expect((await mediaOf(id)).map((m) => [m.contentType, path.extname(m.path)])).toEqual([
      ['image/jpeg', '.jpg'],
      ['image/webp', '.webp'],
    ]);
  });

  it('refuses SVG, a type it does not take, bytes that are not what they claim, nothing, and too much', async () => {
    const id = await report(h.db, { communityId: 'nantoucheng' });
    const refused = async (body: Buffer, type: string) => {
      const r = await upload(nt, id, body, type);
      return [r.status, r.json?.error?.reason];
    };
    expect(await refused(SVG, 'image/svg+xml')).toEqual([415, 'image_type']);
    expect(await refused(SVG, 'image/png')).toEqual([415, 'image_content']);
    expect(await refused(JPEG, 'image/png')).toEqual([415, 'image_content']);
    expect(await refused(PNG, 'image/gif')).toEqual([415, 'image_type']);
    expect(await refused(Buffer.from('{}'), 'application/json')).toEqual([415, 'image_type']);
    expect(await refused(Buffer.alloc(0), 'image/png')).toEqual([400, 'empty_image']);
    const big = Buffer.concat([PNG, Buffer.alloc(PHOTO_UPLOAD_MAX_BYTES)]);
    expect(await refused(big, 'image/png')).toEqual([413, 'image_too_large']);
    expect(await mediaOf(id)).toEqual([]);
  });

  it('only staff in scope upload: another community 403, a deputy 403, an unknown case 404, no CSRF token 403', async () => {
    const id = await report(h.db, { communityId: 'nantoucheng' });
    expect((await upload(lz, id, PNG, 'image/png')).status).toBe(403);
    expect((await upload(deputy, id, PNG, 'image/png')).status).toBe(403);
    expect((await upload(nt, 999_999, PNG, 'image/png')).status).toBe(404);
    const noCsrf = await upload(nt, id, PNG, 'image/png', { 'x-csrf-token': 'wrong' });
    expect([noCsrf.status, noCsrf.json.error.reason]).toEqual([403, 'csrf']);
    expect(await mediaOf(id)).toEqual([]);
    expect(await h.db.select().from(auditLog).where(and(eq(auditLog.target, `case:${id}`), eq(auditLog.action, 'case.photo_upload')))).toEqual([]);
  });
});
