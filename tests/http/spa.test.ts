import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickEncoding } from '../../src/http/compressed-file.js';
import { serveSpa } from '../../src/http/spa.js';

/**
 * The console's files (issue 13, item 7): compressed when the browser takes it (brotli, else gzip;
 * the build's own copies when it wrote them), hashed assets cached for a year as immutable, and
 * index.html revalidated every time so a new build is seen at once.
 */
describe('serveSpa', () => {
  let dir: string;
  let server: Server;
  let url = '';
  const app = 'console.log("minsheng");\n'.repeat(400);
  const get = async (p: string, encoding?: string) => {
    const { request } = await import('node:http');
    // node's fetch always asks for gzip and br and decodes: ask with a raw request instead
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      const req = request(url + p, { headers: encoding === undefined ? {} : { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'spa-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'index.html'), `<!doctype html><title>工作台</title>${'<!-- pad -->'.repeat(200)}`);
    writeFileSync(path.join(dir, 'assets/app-abc123.js'), app);
    // a build-time copy: served as it is (marked, so the test can tell it from one made on the fly)
    writeFileSync(path.join(dir, 'assets/pre-def456.js'), app);
    const { brotliCompressSync } = await import('node:zlib');
    writeFileSync(path.join(dir, 'assets/pre-def456.js.br'), brotliCompressSync(Buffer.from('// prebuilt\n' + app)));
    writeFileSync(path.join(dir, 'assets/logo-1.png'), Buffer.alloc(4096, 1));
    const k = new Koa();
    k.use(serveSpa({ prefix: '/console', dir, csp: "default-src 'self'", notBuilt: 'not built' }));
    server = await new Promise((resolve) => {
      const s = k.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends brotli when the browser takes it, else gzip, else the file as it is', async () => {
    const br = await get('/console/assets/app-abc123.js', 'gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(br.body).toString()).toBe(app);
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(app.length / 10);

    const gz = await get('/console/assets/app-abc123.js', 'gzip, deflate');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(app);

    const plain = await get('/console/assets/app-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(app);
    // br;q=0 is a refusal
    expect((await get('/console/assets/app-abc123.js', 'br;q=0, gzip')).headers['content-encoding']).toBe('gzip');
    // images are compressed already
    expect((await get('/console/assets/logo-1.png', 'br')).headers['content-encoding']).toBeUndefined();
  });

  it('serves the build’s own compressed copy when there is one', async () => {
    const r = await get('/console/assets/pre-def456.js', 'br');
    expect(brotliDecompressSync(r.body).toString().startsWith('// prebuilt')).toBe(true);
  });

  it('caches hashed assets for a year and revalidates index.html, compressed too', async () => {
    expect((await get('/console/assets/app-abc123.js', 'br')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const p of ['/console/', '/console/cases/12']) {
      const r = await get(p, 'br');
      expect(r.headers['cache-control'], p).toBe('no-cache');
      expect(r.headers['content-type'], p).toMatch(/text\/html/);
      expect(brotliDecompressSync(r.body).toString(), p).toContain('<title>工作台</title>');
    }
  });

  it('reads Accept-Encoding as browsers send it', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip;q=1.0, identity; q=0.5, *;q=0')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('identity')).toBeUndefined();
    expect(pickEncoding(undefined)).toBeUndefined();
  });
});
