import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskMediaStore } from '../../../src/media/disk-media-store.js';
import { MemoryStore } from '../../../src/state/memory-store.js';
import { mediaExtension, WechatApiError } from '../../../src/wechat/api/index.js';
import { startHarness, testClock, type Harness } from './harness.js';

/** the smallest valid PNG (1×1, transparent) */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

describe('media', () => {
  let h: Harness;
  let store: MemoryStore;
  let dir: string;
  beforeEach(async () => {
    store = new MemoryStore();
    h = await startHarness(store, { clock: testClock(Date.UTC(2026, 4, 31, 23, 30)) });
    dir = await mkdtemp(path.join(tmpdir(), 'wx-media-'));
  });
  afterEach(async () => {
    await h.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores a resident's photo normalised (normalise-image.ts), content-addressed under YYYY/MM, with the right sha256", async () => {
    h.fake.api.registerMedia('PHOTO_1', PNG, 'image/png');
    const stored = await h.api.media.storeResidentMedia('PHOTO_1', diskMediaStore(dir));
    const onDisk = await readFile(path.join(dir, stored.path));
    const sha = createHash('sha256').update(onDisk).digest('hex');
    expect(stored).toEqual({ path: `2026/05/${sha}.png`, sha256: sha, bytes: onDisk.length, contentType: 'image/png' });
    // the same picture, pixel for pixel
    expect(await sharp(onDisk).metadata()).toMatchObject({ format: 'png', width: 1, height: 1 });
    expect(await sharp(onDisk).ensureAlpha().raw().toBuffer()).toEqual(await sharp(PNG).ensureAlpha().raw().toBuffer());

    // a repeat (WeChat's redelivery, a retry) is harmless: same path, one file, no temp files left
    const again = await h.api.media.storeResidentMedia('PHOTO_1', diskMediaStore(dir));
    expect(again).toEqual(stored);
    expect(await readdir(path.join(dir, '2026', '05'))).toEqual([`${sha}.png`]);
  });

  it('an unknown or expired media id is WeChat’s 40007', async () => {
    const err = await h.api.media.storeResidentMedia('NOPE', diskMediaStore(dir)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatApiError);
    expect((err as WechatApiError).errcode).toBe(40007);
    h.fake.api.registerMedia('OLD', PNG, 'image/png');
    h.clock.advance(3 * 24 * 3600_000);
    await expect(h.api.media.downloadMedia('OLD')).rejects.toMatchObject({ errcode: 40007 });
  });

  it('uploads an image (multipart) and the returned media id can be sent and downloaded', async () => {
    const { mediaId, createdAt } = await h.api.media.uploadMedia('image', PNG, 'reply.png', 'image/png');
    expect(mediaId).toMatch(/\S{20,}/);
    expect(createdAt).toBe(Math.floor(h.clock.now() / 1000));
    expect(h.fake.recorder.delivered({ api: 'media/upload' })[0]!.body).toEqual({ type: 'image', filename: 'reply.png', bytes: PNG.length, contentType: 'image/png' });
    const file = await h.api.media.downloadMedia(mediaId);
    expect(file.buffer).toEqual(PNG);
    expect(file.contentType).toBe('image/png');

    h.fake.api.noteInbound('o1', 'message');
    await h.api.quota.noteInbound('o1', 'message');
    await h.api.custom.send('o1', { type: 'image', mediaId });
    expect(h.fake.recorder.delivered({ api: 'message/custom/send' })).toHaveLength(1);
  });

  it('upload refusals are WeChat errors (wrong size)', async () => {
    await expect(h.api.media.uploadMedia('thumb', Buffer.alloc(70 * 1024), 't.jpg', 'image/jpeg')).rejects.toMatchObject({ errcode: 40012 });
  });

  it('picks a safe extension', () => {
    expect(mediaExtension('image/jpeg')).toBe('jpg');
    expect(mediaExtension('audio/amr')).toBe('amr');
    expect(mediaExtension('application/octet-stream', 'voice.SPX')).toBe('spx');
    expect(mediaExtension('application/octet-stream', '../../etc/passwd')).toBe('bin');
  });
});
