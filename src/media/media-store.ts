import { createHash } from 'node:crypto';

/** a stored media file, as a case_media row (or a council meeting's minutes …) records it */
export interface StoredFile {
  /** with forward slashes: YYYY/MM/<sha256>.<ext> */
  path: string;
  sha256: string;
  bytes: number;
}

/**
 * Where residents' photos, staff photos and documents are kept (media-store-for.ts picks one): under
 * MEDIA_DIR for the embedded database (disk-media-store.ts), in PostgreSQL's media_files otherwise
 * (pg-media-store.ts), where every instance of the service reads what any of them stored.
 */
export interface MediaStore {
  readonly kind: 'disk' | 'postgres';
  /**
   * Keeps bytes under YYYY/MM/<sha256>.<ext> (the UTC month of `at`). The name is the content hash:
   * storing the same bytes twice keeps one copy. `ext` is the caller's safe extension (letters and
   * digits only).
   */
  put(bytes: Buffer, ext: string, at: Date): Promise<StoredFile>;
  /** keeps bytes under a name the caller derives from a stored file's hash (public/<sha256>.<ext>); an existing one is kept */
  putAt(path: string, bytes: Buffer): Promise<void>;
  /** the bytes stored under path; undefined when there are none (or the path is not one a store makes) */
  get(path: string): Promise<Buffer | undefined>;
  /** whether get(path) finds bytes, without reading them */
  has(path: string): Promise<boolean>;
}

/** the folder (path prefix) of the copies the public pages serve (public-copy.ts) */
export const PUBLIC_COPY_DIR = 'public';

/** the layout of every stored file: YYYY/MM/<sha256>.<ext> in the UTC month of `at` */
export function mediaPath(sha256: string, ext: string, at: Date): string {
  if (!/^[a-z0-9]{1,5}$/.test(ext)) throw new Error(`unsafe media extension: ${ext}`);
  return `${at.getUTCFullYear()}/${String(at.getUTCMonth() + 1).padStart(2, '0')}/${sha256}.${ext}`;
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * A stored path as a row may hold it: relative, forward slashes, no empty, '.' or '..' segment.
 * Anything else (an absolute path, a way out of the store) is never looked up.
 */
export function isMediaPath(p: string): boolean {
  return p.length > 0 && p.length <= 300 && !p.includes('\\') && !p.includes('\0') && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}
