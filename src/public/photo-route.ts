import type Koa from 'koa';
import type { Db } from '../db/client.js';
import type { MediaStore } from '../media/media-store.js';
import { publicCopy, publicCopyPath } from '../media/public-copy.js';
import { casePhotoFile, PHOTO_TYPES } from './read.js';

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

/**
 * GET /c/:number/photos/:id — sends one photo of a case from the media store. The file is the media
 * row's stored path, and only when the row belongs to that case; nothing from the URL reaches the
 * store. A path the store would not make (absolute, climbing out) or that resolves outside MEDIA_DIR
 * (a symlink) is refused.
 * Only a shown photo is served, unless `anyState` (the console's staff see every photo): a photo
 * waiting for review or hidden answers exactly like an unknown one. The public gets the photo's
 * public copy (upright, no EXIF: no GPS position, no phone model); staff get the file as it arrived.
 * A view revalidated by its ETag is answered 304 without reading the bytes.
 * Returns false when there is nothing to serve (the caller answers 404).
 */
export async function servePhoto(
  ctx: Koa.Context,
  o: { db: Db; media: MediaStore; caseId: number; mediaId: number; anyState?: boolean },
): Promise<boolean> {
  const row = await casePhotoFile(o.db, o.caseId, o.mediaId, { anyState: o.anyState === true });
  if (!row || !(PHOTO_TYPES as readonly string[]).includes(row.contentType)) return false;
  let name: string;
  let body: Buffer | undefined;
  try {
    if (!(await o.media.has(row.path))) return false;
    name = o.anyState ? row.path : publicCopyPath(row.sha256, EXTENSIONS[row.contentType]!);
    // the public copy is made at the first view
    if (!o.anyState && !(await o.media.has(name))) {
      body = await publicCopy(o.media, { path: row.path, sha256: row.sha256, ext: EXTENSIONS[row.contentType]! });
      if (!body) return false;
    }
  } catch {
    return false;
  }
  ctx.status = 200;
  ctx.type = row.contentType;
  // revalidated on every view (a cheap 304 by ETag): a photo staff hide stops being served at once
  ctx.set('Cache-Control', 'public, no-cache');
  ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.etag = o.anyState ? row.sha256 : `${row.sha256}-public`;
  if (ctx.fresh) {
    ctx.status = 304;
    return true;
  }
  body ??= await o.media.get(name);
  if (!body) {
    // gone since has(): answered as unknown
    ctx.remove('ETag');
    return false;
  }
  ctx.body = body;
  return true;
}
