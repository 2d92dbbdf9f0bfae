import type { Config } from './config.js';

/** where this process's pushes and lifecycle jobs (auto-close, overdue, 备选库 expiry …) run */
export interface PushPlacement {
  inProcess: boolean;
  /** for the start log: here, in `npm run worker`, or nowhere (a warning) */
  where: 'this process' | 'npm run worker' | 'nowhere';
  why: string;
}

/**
 * PUSH_WORKER=auto runs them here whenever no other process could: the embedded database and the
 * in-process state belong to this process alone, and local mode's WeChat is the simulator mounted
 * here. With PostgreSQL and Redis they belong to `npm run worker` (as many as you like). on runs
 * them here as well (a single box on the shared servers); off never here.
 */
export function pushPlacement(config: Pick<Config, 'mode' | 'databaseUrl' | 'redisUrl' | 'pushWorker'>): PushPlacement {
  const alone = !config.databaseUrl
    ? 'the embedded database belongs to this process'
    : !config.redisUrl
      ? 'the in-process state (send rate, quota, access token) belongs to this process'
      : config.mode === 'local'
        ? "local mode's WeChat is the simulator in this process"
        : undefined;
  if (config.pushWorker === 'on') return { inProcess: true, where: 'this process', why: 'PUSH_WORKER=on' };
  if (config.pushWorker === 'off') {
    return alone
      ? { inProcess: false, where: 'nowhere', why: `PUSH_WORKER=off, but ${alone}: npm run worker cannot open it, so no resident is pushed` }
      : { inProcess: false, where: 'npm run worker', why: 'PUSH_WORKER=off' };
  }
  return alone ? { inProcess: true, where: 'this process', why: alone } : { inProcess: false, where: 'npm run worker', why: 'PostgreSQL and Redis are shared: run npm run worker beside the web instances' };
}
