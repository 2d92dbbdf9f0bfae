import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';

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
 * Serves a built single-page app under `prefix`: files from `dir` (hashed assets cached for a year),
 * index.html for every other path so the app's own router decides. When the app is not built,
 * a page says how to build it.
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
      ctx.type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      ctx.set('Cache-Control', rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      ctx.body = createReadStream(file);
      return;
    }
    ctx.type = TYPES['.html']!;
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = createReadStream(index);
  };
}
