import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { LOCAL_APP_ID } from '../../../src/config/config.js';
import { startFakeWechatServer } from '../../../src/simulator/fake-api/server.js';
import { loadMenuFile } from '../../../src/wechat/api/menu.js';

const run = promisify(execFile);

describe('npm run menu:apply', () => {
  it('loads the config, validates config/menu.yaml and creates the menu', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'menu-cli-'));
    const appSecret = 'local-secret-0123456789abcdef';
    await writeFile(path.join(dataDir, 'local-secrets.json'), JSON.stringify({ token: 'localtoken123', appSecret }));
    const fake = await startFakeWechatServer({ appId: LOCAL_APP_ID, appSecret });
    try {
      const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, WECHAT_API_BASE: fake.url, LOG_LEVEL: 'silent' };
      const { stdout } = await run(path.resolve('node_modules/.bin/tsx'), ['src/wechat/api/menu-cli.ts'], { env, timeout: 60_000 });
      expect(stdout).toContain('我要报修 (拍照报修、位置报修、文字报修)');
      expect(fake.api.currentMenu()).toEqual(loadMenuFile('config/menu.yaml'));
    } finally {
      await fake.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
