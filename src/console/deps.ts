import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';
import type { MediaStore } from '../media/media-store.js';
import type { StateStore } from '../state/store.js';
import type { WechatApi } from '../wechat/api/index.js';
import type { ConsoleConfig } from './config.js';

/** What every console handler may use; built once by createConsoleApi. */
export interface ConsoleDeps {
  db: Db;
  store: StateStore;
  /** the WeChat API client; undefined until the service knows its address */
  api: () => WechatApi | undefined;
  logger: Logger;
  config: ConsoleConfig;
  /** where photos and documents are stored (media/media-store-for.ts) */
  media: MediaStore;
  now: () => Date;
}
