import sharp from 'sharp';
import { phonePhoto } from '../helpers/phone-photo.js';
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_SIDE, normaliseImage } from '../../src/media/normalise-image.js';

describe('a photo is normalised once, on arrival', () => {
  it('upright, without EXIF, GPS or the phone model, still a JPEG', async () => {
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const kept = await normaliseImage(original, 'image/jpeg');
    const meta = await sharp(kept.buffer).metadata();
    expect(kept.contentType).toBe('image/jpeg');
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([30, 60]);
    expect(kept.buffer.includes(Buffer.from('ResidentPhone'))).toBe(false);
  });

  it(`a 12-megapixel photo keeps at most ${MAX_IMAGE_SIDE} pixels on its longest side; a small one is not enlarged`, async () => {
    const big = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#888' } }).jpeg().toBuffer();
    const meta = await sharp((await normaliseImage(big, 'image/jpeg')).buffer).metadata();
    expect([meta.width, meta.height]).toEqual([MAX_IMAGE_SIDE, 1920]);
    const small = await sharp({ create: { width: 40, height: 20, channels: 4, background: '#0000' } }).png().toBuffer();
    const kept = await normaliseImage(small, 'image/png');
    expect(kept.contentType).toBe('image/png');
    expect(await sharp(kept.buffer).metadata()).toMatchObject({ width: 40, height: 20, format: 'png' });
  });

  it('deterministic: the same photo twice gives the same bytes (stored once under its hash)', async () => {
    const p = await phonePhoto();
    expect((await normaliseImage(p, 'image/jpeg')).buffer.equals((await normaliseImage(p, 'image/jpeg')).buffer)).toBe(true);
  });

  it('an animated GIF keeps its frames', async () => {
    // three 10 × 30 frames stacked, written as one GIF of three pages
    const [w, h, n] = [10, 30, 3];
    const raw = Buffer.alloc(w * h * n * 3);
    for (let i = 0; i < n; i++) raw.fill(i * 80, i * w * h * 3, (i + 1) * w * h * 3);
    const anim = await sharp(raw, { raw: { width: w, height: h * n, channels: 3, pageHeight: h } as { width: number; height: number; channels: 3 } }).gif().toBuffer();
    expect((await sharp(anim, { animated: true }).metadata()).pages).toBe(3);
    const kept = await normaliseImage(anim, 'image/gif');
    expect(kept.contentType).toBe('image/gif');
    expect(await sharp(kept.buffer, { animated: true }).metadata()).toMatchObject({ pages: 3, width: 10 });
  });

  it('what it cannot decode, or is not a photo, is kept as it came', async () => {
    const broken = Buffer.from('not really a jpeg');
    expect(await normaliseImage(broken, 'image/jpeg')).toEqual({ buffer: broken, contentType: 'image/jpeg' });
    const voice = Buffer.from('#!AMR\n');
    expect(await normaliseImage(voice, 'audio/amr')).toEqual({ buffer: voice, contentType: 'audio/amr' });
  });
});
