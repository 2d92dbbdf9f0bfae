import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Koa from 'koa';

/**
 * The chat page: static files from src/simulator/page/, no build step. Only files named here are
 * served (no path from the URL ever reaches the file system), under a strict CSP: scripts and
 * styles from this origin only, nothing inline, no third-party requests.
 */
export const pageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'page');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export const pageFiles = new Set([
  'index.html',
  'style.css',
  'app.js',
  'api.js',
  'dom.js',
  'rich-text.js',
  'timeline.js',
  'menu.js',
  'residents.js',
  'sheets.js',
  'places.js',
]);

const csp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: http: https:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');

export async function servePageFile(ctx: Koa.Context, name: string): Promise<boolean> {
  if (!pageFiles.has(name)) return false;
  const ext = path.extname(name);
  ctx.type = types[ext] ?? 'application/octet-stream';
  ctx.set('Content-Security-Policy', csp);
  ctx.set('Cache-Control', 'no-cache');
  ctx.body = await readFile(path.join(pageDir, name));
  return true;
}
