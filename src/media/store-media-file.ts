import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** a file written under MEDIA_DIR, as a case_media row records it */
export interface StoredFile {
  /** relative to mediaDir, with forward slashes: YYYY/MM/<sha256>.<ext> */
  path: string;
  sha256: string;
  bytes: number;
}

/**
 * Writes bytes under mediaDir/YYYY/MM/<sha256>.<ext> (the UTC month of `at`): the layout of every
 * photo, a resident's (downloaded from WeChat) or a staff upload in the console. The name is the
 * content hash, so storing the same bytes twice writes one file; the file is written then renamed,
 * so a reader never sees half a file and two writers end with one. `ext` is the caller's safe
 * extension (letters and digits only).
 */
export async function storeMediaFile(mediaDir: string, buffer: Buffer, ext: string, at: Date): Promise<StoredFile> {
  if (!/^[a-z0-9]{1,5}$/.test(ext)) throw new Error(`unsafe media extension: ${ext}`);
  const sha256 = createHash('sha256').update(buffer).digest('hex');
  const rel = `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${sha256}.${ext}`;
  const abs = path.join(mediaDir, ...rel.split('/'));
  if (!(await exists(abs))) {
    await mkdir(path.dirname(abs), { recursive: true });
    const tmp = `${abs}.${randomUUID()}.tmp`;
    try {
      await writeFile(tmp, buffer);
      await rename(tmp, abs);
    } catch (e) {
      await unlink(tmp).catch(() => {});
      throw e;
    }
  }
  return { path: rel, sha256, bytes: buffer.length };
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
