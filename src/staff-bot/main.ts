import { startStaffAlerts } from '../console/alerts/index.js';
import { loadConfig } from '../config/config.js';
import { exitUnlessProvided, readConfigOrExit } from '../config/process-start.js';
import { openDatabase } from '../db/client.js';
import { createLogger } from '../log.js';
import { createStore } from '../state/create-store.js';
import { startStaffBotSession } from './bot-session.js';
import { asWechatBot } from './client.js';
import { loginDataFile } from './login-data.js';
import { StaffChatAlerts } from './staff-chat-alerts.js';

/**
 * npm run staff-bot — optional staff alerts (a new ticket, an overdue report) posted to a staff group
 * chat through a personal WeChat account, driven by wechat4u (the web-WeChat protocol). It runs as a
 * process of its own beside the service, and this is the only module that loads wechat4u: wechat4u
 * installs a process-wide uncaughtException handler, which must never reach the web process or the
 * tests. The WeCom group robot (STAFF_ALERT_WEBHOOK, in the service) is the recommended channel;
 * both can run, and each alerts once.
 */
const config = readConfigOrExit(loadConfig);
// the embedded PGlite database and the in-process state store live inside the service's process:
// a second process cannot read the service's tickets or share its once-markers through them
exitUnlessProvided(
  'The staff bot runs beside the service as a process of its own and needs:',
  [
    !config.staffBotChat && 'STAFF_BOT_CHAT: the name (or the remark name) of the staff group chat that gets the alerts',
    !config.databaseUrl && 'DATABASE_URL: PostgreSQL shared with the service (the embedded PGlite belongs to the service process)',
    !config.redisUrl && 'REDIS_URL: Redis shared with the service (new-ticket events, once-markers and the send budget; the in-process store belongs to the service process)',
  ],
  2,
);
const chat = config.staffBotChat!;
const logger = createLogger(config.logLevel).child({ process: 'staff-bot' });
const store = createStore(config.redisUrl);
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();

// wechat4u adds an uncaughtException handler that prints the error (a request's cookies included)
// and carries on in an unknown state: replaced by one that logs the message and exits, so the
// supervisor restarts the bot, which resumes its saved login
const handlersBefore = new Set(process.listeners('uncaughtException'));
const { default: Wechat } = await import('wechat4u');
for (const h of process.listeners('uncaughtException')) if (!handlersBefore.has(h)) process.off('uncaughtException', h);
process.on('uncaughtException', (err) => {
  logger.fatal({ err: err.message, stack: err.stack }, 'staff bot crashed: exiting (a restart resumes the saved login)');
  process.exit(1);
});

const session = startStaffBotSession({
  createBot: (data) => asWechatBot(new Wechat(data)),
  loginFile: loginDataFile(config.dataDir),
  chat,
  logger,
  showQr: (url) => console.log(`\n  Staff bot login: open this link and scan the QR code with the staff WeChat account\n  ${url}\n`),
});
const alerts = new StaffChatAlerts({ client: session.client, chat, store, logger });
const running = await startStaffAlerts({ db: database.db, store, alerts, channel: 'staff-bot', logger });
logger.info({ chat, database: database.kind, state: store.kind }, 'staff bot started: new and overdue tickets are alerted to the staff chat once logged in');

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'staff bot stopping (the WeChat login stays valid for the next start)');
  session.stop();
  await running.stop();
  await store.close();
  await database.close();
  logger.info('staff bot stopped');
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
