import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_APP_ID } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/client.js';
import { auditLog, wechatMenus } from '../../src/db/schema.js';
import { startFakeWechatServer } from '../../src/simulator/fake-api/server.js';
import { loadMenuFile } from '../../src/wechat/api/menu.js';
import { createPostgresDatabaseUrl } from '../helpers/db.js';

const run = promisify(execFile);

/**
 * `npm run menu:apply`: config/menu.yaml reaches WeChat (the fake API); with PostgreSQL configured
 * the applied menu is a published version the console's 公众号菜单 page shows, with an audit row.
 */
describe('npm run menu:apply', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const f of cleanup.splice(0).reverse()) await f();
  });

  async function apply(extraEnv: Record<string, string> = {}) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'menu-apply-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const appSecret = 'local-secret-0123456789abcdef';
    await writeFile(path.join(dataDir, 'local-secrets.json'), JSON.stringify({ token: 'localtoken123', appSecret }));
    const fake = await startFakeWechatServer({ appId: LOCAL_APP_ID, appSecret });
    cleanup.push(() => fake.close());
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, WECHAT_API_BASE: fake.url, LOG_LEVEL: 'silent', ...extraEnv };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/menu-apply.ts'], { env, timeout: 60_000 });
    return { stdout, fake };
  }

  it('validates config/menu.yaml and creates the menu; with the embedded database it records nothing', async () => {
    const { stdout, fake } = await apply();
    expect(stdout).toContain('我要报修 (拍照报修、位置报修、文字报修)');
    expect(stdout).toContain('publish from the console');
    expect(fake.api.currentMenu()).toEqual(loadMenuFile('config/menu.yaml'));
  }, 90_000);

  it('with PostgreSQL, records the applied menu as the published version, with an audit row', async () => {
    const pg = await createPostgresDatabaseUrl();
    cleanup.push(pg.drop);
    const { stdout } = await apply({ DATABASE_URL: pg.url });
    expect(stdout).toMatch(/recorded as published menu version #\d+/);
    const database = await openDatabase({ url: pg.url, dataDir: tmpdir() });
    cleanup.push(() => database.close());
    const rows = await database.db.select().from(wechatMenus);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ note: 'npm run menu:apply config/menu.yaml', createdBy: null, menu: loadMenuFile('config/menu.yaml') });
    expect(rows[0]!.publishedAt).toBeInstanceOf(Date);
    const audit = await database.db.select().from(auditLog);
    expect(audit.map((a) => [a.action, a.target, a.staffId])).toEqual([['menu.apply', `wechat_menu:${rows[0]!.id}`, null]]);
  }, 90_000);
});
