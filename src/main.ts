import { loadConfig } from './config/config.js';
import { readConfigOrExit, startOrExit } from './config/process-start.js';
import { startService } from './service.js';

/**
 * npm start — the service; with no WECHAT_APP_ID, local mode with embedded stores and the simulator,
 * and (unless DEMO_DATA=0) a demo year of micro-projects so a newcomer's dashboard and 报表 show a
 * realistic year. Tests start the service in code and get no demo year unless they ask.
 */
process.env.DEMO_DATA ??= '1';
const config = readConfigOrExit(loadConfig);
const service = await startOrExit(() => startService(config));
if (config.mode === 'local') {
  const lines = [
    '',
    '  民生微实事 · WeChat front door — local mode',
    '',
    `  Chat with the bot (WeChat simulator): ${service.url}/sim   (a development tool)`,
    `  Public pages (三公开)                : ${service.url}/publicity`,
    `  Staff console                        : ${service.url}/console/`,
    ...(config.demoData ? ['    demo data: a Kuichong-sized year of micro-projects (start with DEMO_DATA=0 for an empty database)'] : []),
    ...(service.localAdmin
      ? [`    first login: ${service.localAdmin.username} / ${service.localAdmin.password}  (shown once; change it after logging in)`]
      : []),
    '',
    config.host === '127.0.0.1'
      ? '  Listening on 127.0.0.1 only. For a phone on the LAN: HOST=0.0.0.0 PUBLIC_URL=http://<lan-ip>:<port> npm start'
      : `  Listening on ${config.host}: anyone who can reach this machine can open the simulator`,
    '',
    `  Webhook URL : ${service.url}/wechat`,
    `  Token       : ${config.wechat.token}`,
    `  Database    : ${service.database.kind}${config.databaseUrl ? '' : ` (${config.dataDir})`}`,
    `  State store : ${service.store.kind}`,
    '',
  ];
  console.log(lines.join('\n'));
}
const shutdown = async (signal: string) => {
  service.logger.info({ signal }, 'shutting down');
  await service.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
