import type Koa from 'koa';
import type { Config } from '../config/config.js';
import type { Logger } from '../log.js';
import { SimRecorder } from './recorder.js';

/**
 * The local WeChat simulator: the fake WeChat API (under /sim/api) and the phone-like chat page
 * (under /sim). Mounted only in local mode; never when WECHAT_APP_ID is set.
 */
export interface LocalSimulator {
  middleware: Koa.Middleware;
  recorder: SimRecorder;
  close(): Promise<void>;
}

export function createLocalSimulator(opts: { config: Config; logger: Logger; webhookUrl: () => string }): LocalSimulator {
  void opts;
  const recorder = new SimRecorder();
  return {
    recorder,
    middleware: async (_ctx, next) => next(),
    close: async () => {},
  };
}
