/**
 * `npm run menu:apply [file]` — validates the menu (default config/menu.yaml) and creates it on the
 * official account configured in the environment (in local mode: the simulator's fake API, so the
 * app must be running).
 */
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../log.js';
import { createStore } from '../../state/create-store.js';
import { createWechatApi } from './index.js';
import { loadMenuFile } from './menu.js';

async function main(): Promise<number> {
  const config = loadConfig();
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
    return 0;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
