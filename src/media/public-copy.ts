import sharp from 'sharp';
import { PUBLIC_COPY_DIR, type MediaStore } from './media-store.js';

/** where the public copy of a stored photo is kept: public/<sha256>.<ext> */
export function publicCopyPath(sha256: string, ext: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256) || !/^[a-z0-9]{1,5}$/.test(ext)) throw new Error('unsafe public copy name');
  return `${PUBLIC_COPY_DIR}/${sha256}.${ext}`;
}

/**
 * The copy of a stored photo the public may download: turned upright by its EXIF orientation and
 * re-encoded in its own format with no metadata at all (EXIF with the GPS position and the phone's
 * make and model, XMP, IPTC, comments). Photos are normalised on arrival (normalise-image.ts); this
 * copy keeps files stored before that, or by other paths, from going out with their metadata.
 * Made once per content hash and kept in the same store (publicCopyPath), so every instance serves
 * the one copy; concurrent first views keep one. Undefined when the original is not stored; throws
 * when it is not an image the decoder reads.
 */
export async function publicCopy(media: MediaStore, original: { path: string; sha256: string; ext: string }): Promise<Buffer | undefined> {
  const name = publicCopyPath(original.sha256, original.ext);
  const seen = await media.get(name);
  if (seen) return seen;
  const bytes = await media.get(original.path);
  if (!bytes) return undefined;
  // animated GIF and WebP keep every frame; sharp writes no metadata unless asked (withMetadata / keepExif)
  const copy = await sharp(bytes, { animated: true, failOn: 'error' }).rotate().toBuffer();
  await media.putAt(name, copy);
  return copy;
}
