import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { silentLogger } from '../../src/log.js';
import { startService, type Service, type ServiceOptions } from '../../src/service.js';

/**
 * The whole service on a free port with its own temporary DATA_DIR (embedded PGlite, in-process
 * state) unless the env names DATABASE_URL / REDIS_URL.
 */
export async function startTestService(env: Record<string, string> = {}, opts: ServiceOptions = {}): Promise<Service> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'msw-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const service = await startService(config, { logger: silentLogger, ...opts });
  const stop = service.stop;
  service.stop = async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return service;
}
