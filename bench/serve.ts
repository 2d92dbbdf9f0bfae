/**
 * The service as its own process for the benchmark:
 *   node [--cpu-prof] --import tsx bench/serve.ts
 * Configured by the environment like `npm start` (DATABASE_URL, REDIS_URL, WECHAT_*, PORT …).
 * Prints `{"ready":true,"port":N,"pid":P}` on stdout when it listens (and tells the parent over
 * IPC when there is one); stops cleanly on SIGTERM/SIGINT so --cpu-prof writes its profile.
 */
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/log.js';
import { startService } from '../src/service.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);
const service = await startService(config, { logger });
const port = Number(new URL(service.url).port);
const ready = { ready: true, port, pid: process.pid, database: service.database.kind, state: service.store.kind };
process.stderr.write(JSON.stringify(ready) + '\n');
process.send?.(ready);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  const timer = setTimeout(() => process.exit(2), 10_000);
  timer.unref();
  await service.stop().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.on('message', (m) => {
  if (m === 'stop') void stop();
});
