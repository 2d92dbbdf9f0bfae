import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestContext } from '../../src/http/error-middleware.js';
import { diskMediaStore } from '../../src/media/disk-media-store.js';
import type { MediaStore } from '../../src/media/media-store.js';
import { serveStoredFile } from '../../src/media/serve-stored-file.js';
import { capturedLog } from '../helpers/captured-log.js';

/**
 * A stored document (会议纪要, a voice's MP3, an evaluation report) is a 404 only when it is not
 * there. A store that fails (PostgreSQL away, a disk that cannot be read) goes to the error funnel
 * as a 500 whose cause is logged: staff are never told a file is gone when it is only out of reach.
 */
describe('serving a stored file', () => {
  let server: Server;
  let url = '';
  const { lines: logged, logger } = capturedLog('warn');
  const dir = mkdtempSync(path.join(tmpdir(), 'serve-stored-'));
  const disk = diskMediaStore(dir);
  const failing: MediaStore = { ...disk, get: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) };
  let stored = '';

  beforeAll(async () => {
    stored = (await disk.put(Buffer.from('纪要'), 'pdf', new Date('2026-12-01T00:00:00Z'))).path;
    const app = new Koa();
    app.silent = true;
    app.use(requestContext(logger));
    app.use(async (ctx) => {
      const media = ctx.path.startsWith('/failing') ? failing : disk;
      const file = ctx.path.endsWith('/none') ? '2026/12/none.pdf' : stored;
      if (!(await serveStoredFile(ctx, media, { path: file, type: 'application/pdf', sha256: null }, 'minutes.pdf'))) ctx.status = 404;
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('sends a file that is there as a download', async () => {
    const res = await fetch(`${url}/disk/there`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('minutes.pdf');
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('纪要');
  });

  it('answers 404 for a file that is not there', async () => {
    expect((await fetch(`${url}/disk/none`)).status).toBe(404);
  });

  it('answers 500, not 404, when the store fails, and logs why', async () => {
    const res = await fetch(`${url}/failing/there`);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('internal error');
    expect(logged.some((l) => String((l.err as { message?: string } | undefined)?.message).includes('ECONNREFUSED'))).toBe(true);
  });
});
