import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type Koa from 'koa';

/**
 * Streams a stored document (会议纪要, 验收记录, 评估报告) from MEDIA_DIR: the stored path of its row
 * only (nothing from the URL reaches the file system), refused when it resolves outside MEDIA_DIR.
 * A download under `name`, never shown inline in the site's origin. False when there is nothing to serve.
 */
export async function serveStoredFile(ctx: Koa.Context, mediaDir: string, file: { path: string; type: string; sha256: string | null }, name: string): Promise<boolean> {
  let abs: string;
  try {
    const root = await realpath(mediaDir);
    abs = await realpath(path.resolve(root, file.path));
    if (!abs.startsWith(root + path.sep)) return false;
    const st = await stat(abs);
    if (!st.isFile()) return false;
    ctx.length = st.size;
  } catch {
    return false;
  }
  ctx.status = 200;
  ctx.type = file.type;
  ctx.attachment(name);
  ctx.set('Cache-Control', 'private, no-cache');
  ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (file.sha256) ctx.etag = file.sha256;
  ctx.body = createReadStream(abs);
  return true;
}
