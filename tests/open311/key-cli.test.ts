import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCommunities } from '../../src/civic/communities.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { auditLog, open311Keys } from '../../src/db/schema.js';
import { keyHash, keyOf } from '../../src/open311/keys.js';
import { createPostgresDatabaseUrl } from '../helpers/db.js';

describe('npm run open311:key', () => {
  let url: string;
  let drop: () => Promise<void>;
  let database: Database;
  beforeAll(async () => {
    ({ url, drop } = await createPostgresDatabaseUrl());
    database = await openDatabase({ url, dataDir: 'memory://' });
    await seedCommunities(database.db);
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  const run = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/open311-key.ts', ...args], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: url, WECHAT_APP_ID: '', LOG_LEVEL: 'silent' },
      timeout: 60_000,
    });

  it('prints a key once, keeps only its hash, limits it to the streets given, and revokes it', async () => {
    const made = run(['--name', '南头巡查 App', '--street', 'nantou']);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const key = made.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await database.db.select().from(open311Keys);
    expect(row).toMatchObject({ name: '南头巡查 App', streetIds: ['nantou'], keyHash: keyHash(key), createdBy: null, revokedAt: null });
    expect(JSON.stringify(row)).not.toContain(key);
    expect((await keyOf(database.db, key))?.id).toBe(row!.id);
    expect(run(['--list']).stdout).not.toContain(key);
    expect(run(['--name', 'x', '--street', 'atlantis']).status).toBe(1);
    expect(run([]).status).toBe(1);
    expect(run(['--revoke', String(row!.id)]).status).toBe(0);
    expect(await keyOf(database.db, key)).toBeUndefined();
    expect((await database.db.select().from(auditLog)).map((r) => r.action)).toEqual(['open311_key.create', 'open311_key.revoke']);
  }, 180_000);
});
