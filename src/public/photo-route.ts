import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type Koa from 'koa';
import type { Db } from '../db/client.js';
import { publicCopy } from '../media/public-copy.js';
import { casePhotoFile, PHOTO_TYPES } from './read.js';

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/webp': 'webp' };

/**
 * GET /c/:number/photos/:id — streams one photo of a case from MEDIA_DIR. The file is the media
 * row's stored path, and only when the row belongs to that case; nothing from the URL reaches the
 * file system. A path that resolves outside MEDIA_DIR (a bad row, a symlink) is refused.
 * Only a shown photo is served, unless `anyState` (the console's staff see every photo): a photo
 * waiting for review or hidden answers exactly like an unknown one. The public gets the photo's
 * public copy (upright, no EXIF: no GPS position, no phone model); staff get the file as it arrived.
 * Returns false when there is nothing to serve (the caller answers 404).
 */
export async function servePhoto(
  ctx: Koa.Context,
  o: { db: Db; mediaDir: string; caseId: number; mediaId: number; anyState?: boolean },
): Promise<boolean> {
  const row = await casePhotoFile(o.db, o.caseId, o.mediaId, { anyState: o.anyState === true });
  if (!row || !(PHOTO_TYPES as readonly string[]).includes(row.contentType)) return false;
  let file: string;
  try {
    const root = await realpath(o.mediaDir);
    file = await realpath(path.resolve(root, row.path));
    if (!file.startsWith(root + path.sep)) return false;
    const st = await stat(file);
    if (!st.isFile()) return false;
    ctx.length = st.size;
    if (!o.anyState) {
      const copy = await publicCopy(root, { abs: file, sha256: row.sha256, ext: EXTENSIONS[row.contentType]! });
      file = copy.abs;
      ctx.length = copy.bytes;
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
  ctx.body = createReadStream(file);
  return true;
}
