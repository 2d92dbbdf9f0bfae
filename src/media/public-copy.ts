import { randomUUID } from 'node:crypto';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

/** the folder under MEDIA_DIR that holds the copies the public pages serve */
export const PUBLIC_COPY_DIR = 'public';

/**
 * The copy of a stored photo the public may download: turned upright by its EXIF orientation and
 * re-encoded in its own format with no metadata at all (EXIF with the GPS position and the phone's
 * make and model, XMP, IPTC, comments). Photos are normalised on arrival (normalise-image.ts); this copy keeps files stored before that, or by other paths, from going out with their metadata.
 * Made once per content hash (mediaDir/public/<sha256>.<ext>), written then renamed like every
 * media file, so concurrent first views end with one whole file.
 */
export async function publicCopy(
  mediaDir: string,
  original: { abs: string; sha256: string; ext: string },
): Promise<{ abs: string; bytes: number }> {
  if (!/^[0-9a-f]{64}$/.test(original.sha256) || !/^[a-z0-9]{1,5}$/.test(original.ext)) throw new Error('unsafe public copy name');
  const abs = path.join(mediaDir, PUBLIC_COPY_DIR, `${original.sha256}.${original.ext}`);
  const seen = await stat(abs).catch(() => undefined);
  if (seen?.isFile()) return { abs, bytes: seen.size };
  // animated GIF and WebP keep every frame; sharp writes no metadata unless asked (withMetadata / keepExif)
  const bytes = await sharp(original.abs, { animated: true, failOn: 'error' }).rotate().toBuffer();
  await mkdir(path.dirname(abs), { recursive: true });
  const tmp = `${abs}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, abs);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  return { abs, bytes: bytes.length };
}
