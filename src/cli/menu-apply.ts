/**
 * `npm run menu:apply [file]` — validates the menu (default config/menu.yaml) and creates it on the
 * official account configured in the environment (in local mode: the simulator's fake API, so the
 * app must be running). With PostgreSQL configured the applied menu is also recorded as a published
 * version, so the console's 公众号菜单 page shows what residents see; the embedded database belongs
 * to the running service, so in local mode publish from the console to keep its record.
 */
import { loadConfig } from '../config/config.js';
import { readConfigOrExit } from '../config/process-start.js';
import { recordAppliedMenu } from '../console/menu/record-applied.js';
import { openDatabase } from '../db/client.js';
import { createLogger } from '../log.js';
import { createStore } from '../state/create-store.js';
import { createWechatApi } from '../wechat/api/index.js';
import { loadMenuFile } from '../wechat/api/menu.js';
import { runCli } from './run-cli.js';

async function main(): Promise<number> {
  const config = readConfigOrExit(loadConfig);
  const file = process.argv[2] ?? 'config/menu.yaml';
  const menu = loadMenuFile(file);
  const store = createStore(config.redisUrl);
  try {
    const api = createWechatApi({
      apiBase: config.wechat.apiBase,
      appId: config.wechat.appId,
      appSecret: config.wechat.appSecret,
      store,
      logger: createLogger(config.logLevel),
    });
    await api.menu.create(menu);
    const names = menu.button.map((b) => ('sub_button' in b ? `${b.name} (${b.sub_button.map((s) => s.name).join('、')})` : b.name));
    console.log(`menu from ${file} applied to ${config.wechat.appId} via ${config.wechat.apiBase}:\n  ${names.join('\n  ')}`);
    if (config.databaseUrl) {
      const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
      try {
        await database.migrate();
        const id = await recordAppliedMenu(database.db, menu, file, new Date());
        console.log(`recorded as published menu version #${id} (the console's 公众号菜单 page shows it)`);
      } finally {
        await database.close();
      }
    } else {
      console.log('not recorded in the console (the embedded database belongs to the running service): publish from the console to keep its history');
    }
    return 0;
  } finally {
    await store.close();
  }
}

runCli(main);
