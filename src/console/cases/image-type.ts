import type { PHOTO_UPLOAD_TYPES } from '../contract.js';

export type UploadImageType = (typeof PHOTO_UPLOAD_TYPES)[number];

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The image type from the first bytes (magic numbers), never from what the client claims: JPEG
 * (FF D8 FF), PNG (its 8-byte signature), WebP (RIFF….WEBP). Anything else, SVG above all (a
 * document that can carry script), is undefined.
 */
export function sniffUploadImage(buf: Buffer): UploadImageType | undefined {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(PNG)) return 'image/png';
  if (buf.length >= 12 && buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

/** the file extension a stored upload gets */
export const UPLOAD_EXTENSIONS: Record<UploadImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
