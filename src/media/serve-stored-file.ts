import type Koa from 'koa';
import type { MediaStore } from './media-store.js';

/**
 * Sends a stored document (会议纪要, 验收记录, 评估报告) from the media store: the stored path of its
 * row only (nothing from the URL reaches the store; a path the store would not make, or one that
 * resolves outside MEDIA_DIR, finds nothing). A download under `name`, never shown inline in the
 * site's origin. False when there is nothing to serve; a store that fails (PostgreSQL away, a disk
 * that cannot be read) throws to the error funnel, so staff are never told a file is gone when it is
 * only out of reach.
 */
export async function serveStoredFile(ctx: Koa.Context, media: MediaStore, file: { path: string; type: string; sha256: string | null }, name: string): Promise<boolean> {
  const body = await media.get(file.path);
  if (!body) return false;
  ctx.status = 200;
  ctx.type = file.type;
  ctx.attachment(name);
  ctx.set('Cache-Control', 'private, no-cache');
  ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (file.sha256) ctx.etag = file.sha256;
  ctx.body = body;
  return true;
}
