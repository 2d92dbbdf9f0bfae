import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/log.js';
import { startService, type Service, type ServiceOptions } from '../../src/service.js';
import { cloneTemplate } from './pg-template.js';
import { TEST_REDIS_URL } from './servers.js';

export interface TestServiceOptions extends ServiceOptions {
  /**
   * 'postgres': a fresh PostgreSQL database (a clone of the migrated template, dropped on stop)
   * instead of the embedded PGlite, for tests whose subject is not the database (the webhook,
   * the console): a clone is ready at once, an embedded database is created and migrated at
   * every boot. The state store stays in-process unless the env names REDIS_URL.
   */
  db?: 'embedded' | 'postgres';
}

/**
 * The whole service on a free port with its own temporary DATA_DIR (embedded PGlite, in-process
 * state) unless the env names DATABASE_URL / REDIS_URL or opts.db is 'postgres'.
 */
export async function startTestService(env: Record<string, string> = {}, opts: TestServiceOptions = {}): Promise<Service> {
  const { db = 'embedded', ...serviceOpts } = opts;
  const clone = db === 'postgres' && !env.DATABASE_URL ? await cloneTemplate() : undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'msw-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(clone ? { DATABASE_URL: clone.url } : {}), ...env });
  const service = await startService(config, { logger: silentLogger, ...serviceOpts }).catch(async (e: unknown) => {
    await clone?.drop();
    throw e;
  });
  const stop = service.stop;
  service.stop = async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
    await clone?.drop();
  };
  return service;
}

/**
 * The two setups a conversation test runs on (describe.each): the embedded defaults, and the real
 * servers. The behaviour a resident sees must be the same on both.
 */
export const BOTH_SETUPS = [
  { name: 'embedded (PGlite, in-process state)', real: false },
  { name: 'real (PostgreSQL, Redis)', real: true },
];

/**
 * The service on one of BOTH_SETUPS: a fresh PostgreSQL database (dropped on stop) and the real
 * Redis, or the embedded defaults; its state keys under a prefix of its own either way.
 */
export function startServiceOn(real: boolean, opts: TestServiceOptions = {}): Promise<Service> {
  return startTestService(real ? { REDIS_URL: TEST_REDIS_URL } : {}, { db: real ? 'postgres' : 'embedded', storePrefix: `t:${randomBytes(4).toString('hex')}:`, ...opts });
}
