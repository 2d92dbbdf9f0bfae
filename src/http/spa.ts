import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';
import { compressedFile, pickEncoding } from './compressed-file.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Serves a built single-page app under `prefix`: files from `dir` (hashed assets cached for a year
 * and immutable, everything else revalidated: a new build is seen at once), index.html for every
 * other path so the app's own router decides; text compressed with brotli or gzip when the client
 * takes it (compressed-file.ts). When the app is not built, a page says how to build it.
 */
export function serveSpa(o: { prefix: string; dir: string; csp: string; notBuilt: string }): Koa.Middleware {
  const root = path.resolve(o.dir);
  return async (ctx, next) => {
    if (ctx.path !== o.prefix && !ctx.path.startsWith(`${o.prefix}/`)) return next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    if (ctx.path === o.prefix) return ctx.redirect(`${o.prefix}/`);
    ctx.set('Content-Security-Policy', o.csp);
    ctx.set('X-Frame-Options', 'DENY');
    const index = path.join(root, 'index.html');
    if (!existsSync(index)) {
      ctx.status = 503;
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = o.notBuilt;
      return;
    }
    const rel = decodeURIComponent(ctx.path.slice(o.prefix.length + 1));
    const file = path.resolve(root, rel);
    const inside = file.startsWith(root + path.sep);
    if (inside && rel && existsSync(file) && statSync(file).isFile()) {
      send(ctx, file, rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      return;
    }
    send(ctx, index, 'no-cache');
  };
}

/** one built file, compressed when the client takes it (Vary says the answer depends on that) */
function send(ctx: Koa.Context, file: string, cacheControl: string): void {
  ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  ctx.set('Cache-Control', cacheControl);
  ctx.vary('Accept-Encoding');
  const encoding = pickEncoding(ctx.get('Accept-Encoding'));
  const packed = encoding ? compressedFile(file, encoding) : undefined;
  if (encoding && packed) {
    ctx.set('Content-Encoding', encoding);
    ctx.body = packed.body ?? createReadStream(packed.path!);
    ctx.length = packed.length;
    return;
  }
  ctx.body = createReadStream(file);
  ctx.length = statSync(file).size;
}
