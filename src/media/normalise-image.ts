import sharp from 'sharp';

/** the longest side a stored photo keeps: enough to read a house number, a tenth of a phone's 12 MP */
export const MAX_IMAGE_SIDE = 2560;

/** the image types re-encoded on arrival, each in its own format */
const FORMATS = { 'image/jpeg': 'jpeg', 'image/jpg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' } as const;

/**
 * A photo as it is kept, from the moment it arrives (a resident's from WeChat, a staff upload): turned
 * upright by its EXIF orientation, every metadata block gone (EXIF with the GPS position and the
 * phone's make, XMP, IPTC, comments: sharp writes none unless asked), at most MAX_IMAGE_SIDE pixels
 * on its longest side, in its own format (animated GIF and WebP keep every frame). Deterministic, so
 * the same photo delivered twice is stored once. An image the decoder refuses, or a type it does not
 * handle, is kept as it came (nothing a resident sends is lost; the public copy refuses it later).
 */
export async function normaliseImage(buffer: Buffer, contentType: string): Promise<{ buffer: Buffer; contentType: string }> {
  const format = FORMATS[contentType as keyof typeof FORMATS];
  if (!format) return { buffer, contentType };
  try {
    const out = await sharp(buffer, { animated: format === 'gif' || format === 'webp', failOn: 'error' })
      .rotate()
      .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: 'inside', withoutEnlargement: true })
      .toFormat(format, format === 'jpeg' ? { quality: 85 } : {})
      .toBuffer();
    return { buffer: out, contentType: `image/${format}` };
  } catch {
    return { buffer, contentType };
  }
}
