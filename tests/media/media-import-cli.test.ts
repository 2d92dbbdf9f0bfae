import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { pgMediaStore } from '../../src/media/pg-media-store.js';
import { cloneTemplate } from '../helpers/pg-template.js';

const dirs: string[] = [];
const tmp = (p: string) => {
  const d = mkdtempSync(path.join(tmpdir(), p));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/media-import.ts'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env }, encoding: 'utf8' });

/** upgrading a PostgreSQL deployment whose photos were kept under MEDIA_DIR */
describe('npm run media:import', () => {
  it('copies MEDIA_DIR into PostgreSQL under the same paths, once; without DATABASE_URL it says what it is for', async () => {
    const db = await cloneTemplate();
    try {
      const mediaDir = tmp('media-import-');
      const photo = randomBytes(700);
      mkdirSync(path.join(mediaDir, '2025/12'), { recursive: true });
      writeFileSync(path.join(mediaDir, '2025/12/a.jpg'), photo);
      const env = { DATA_DIR: tmp('media-import-data-'), MEDIA_DIR: mediaDir, DATABASE_URL: db.url };
      const first = run(env);
      expect(first.stderr).toBe('');
      expect(first.stdout).toBe(`media from ${mediaDir}: 1 files copied into PostgreSQL, 0 there already\n`);
      expect(run(env).stdout).toContain('0 files copied into PostgreSQL, 1 there already');
      const database = await openDatabase({ url: db.url, dataDir: 'memory://' });
      try {
        expect((await pgMediaStore(database.db).get('2025/12/a.jpg'))?.equals(photo)).toBe(true);
      } finally {
        await database.close();
      }
      const embedded = run({ DATA_DIR: env.DATA_DIR, MEDIA_DIR: mediaDir });
      expect(embedded.status).toBe(2);
      expect(embedded.stderr).toMatch(/set DATABASE_URL/);
    } finally {
      await db.drop();
    }
  }, 120_000);
});
