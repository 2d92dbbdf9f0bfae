import { stat } from 'node:fs/promises';
import path from 'node:path';
import { mediaPath, sha256Of, type StoredFile } from './media-store.js';
import { writeFileAtomically } from './write-file-atomically.js';

export type { StoredFile } from './media-store.js';

/**
 * Writes bytes under mediaDir/YYYY/MM/<sha256>.<ext> (the UTC month of `at`): the disk media store
 * (disk-media-store.ts; the service stores through its MediaStore, media-store-for.ts). The name is
 * the content hash, so storing the same bytes twice writes one file; the file is written then
 * renamed, so a reader never sees half a file and two writers end with one. `ext` is the caller's
 * safe extension (letters and digits only).
 */
export async function storeMediaFile(mediaDir: string, buffer: Buffer, ext: string, at: Date): Promise<StoredFile> {
  const sha256 = sha256Of(buffer);
  const rel = mediaPath(sha256, ext, at);
  const abs = path.join(mediaDir, ...rel.split('/'));
  if (!(await stat(abs).catch(() => undefined))) await writeFileAtomically(abs, buffer);
  return { path: rel, sha256, bytes: buffer.length };
}
