import { loadConfig } from './config/config.js';
import { defaultReserveRules } from './civic/index.js';
import { exitUnlessProvided, readConfigOrExit } from './config/process-start.js';
import { openDatabase } from './db/client.js';
import { createLogger } from './log.js';
import { loadPushTemplates, parsePushSettings, startOutboxWorker } from './notify/index.js';
import { publishInboxEvent } from './console/index.js';
import { loadBotTexts } from './runtime/bot-texts.js';
import { HOUSEKEEPING_EVERY_MS, startHousekeeping } from './runtime/housekeeping.js';
import { idleTickets } from './runtime/idle-tickets.js';
import { startTranscriptDrain } from './runtime/transcript-drain.js';
import { createStore } from './state/create-store.js';
import { createWechatApi } from './wechat/api/index.js';

/**
 * npm run worker — the push worker on its own: drains the outbox to WeChat until SIGTERM/SIGINT,
 * then finishes the pushes in hand and exits. Run as many as you like against one PostgreSQL and
 * one Redis (they share the work and the send rate). Where nothing else could run it (the embedded
 * database or state, local mode) the service runs the same worker in-process (PUSH_WORKER=auto,
 * src/config/push-placement.ts).
 */
const { config, settings, templates } = readConfigOrExit(() => ({
  config: loadConfig(),
  settings: parsePushSettings(),
  templates: loadPushTemplates(process.env.PUSH_TEMPLATES_FILE || undefined),
}));
// PGlite belongs to one process and the in-process store to one process: a worker of its own
// needs the shared servers (without them the service runs this worker in-process instead)
exitUnlessProvided(
  'A separate push worker needs:',
  [
    !config.databaseUrl && 'DATABASE_URL (the outbox is shared with the service)',
    !config.redisUrl && 'REDIS_URL (the send rate, the customer-service quota ledger and the access token are shared)',
  ],
  1,
);
const logger = createLogger(config.logLevel).child({ process: 'worker' });
const store = createStore(config.redisUrl);
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
await database.migrate();
const api = createWechatApi({
  apiBase: config.wechat.apiBase,
  appId: config.wechat.appId,
  appSecret: config.wechat.appSecret,
  store,
  logger,
});
const placeholders = Object.entries(templates).filter(([, t]) => t?.templateId?.startsWith('local-'));
if (config.mode === 'production' && placeholders.length) {
  logger.warn(
    { kinds: placeholders.map(([k]) => k) },
    'config/templates.yaml still has the simulator template ids: WeChat will refuse them (40037) and pushes fall back to customer-service messages or wait for the resident',
  );
}
// the transcript lines the web processes wrote behind (they drain too; one at a time)
const transcript = startTranscriptDrain({ db: database.db, store, logger });
const worker = startOutboxWorker({ db: database.db, api, store, logger, publicUrl: config.publicUrl, templates, settings });
const housekeeping = startHousekeeping({
  db: database.db,
  logger,
  everyMs: HOUSEKEEPING_EVERY_MS,
  reserve: defaultReserveRules(),
  idleTickets: idleTickets({ db: database.db, store, api: () => api, texts: loadBotTexts(), now: () => new Date(), inbox: (notice) => publishInboxEvent(store, notice) }),
});
logger.info({ database: database.kind, state: store.kind, ratePerSecond: settings.ratePerSecond, quietHours: settings.quietHours }, 'push worker started');

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'push worker stopping: finishing the pushes in hand');
  housekeeping.stop();
  await worker.stop();
  await transcript.stop();
  await store.close();
  await database.close();
  logger.info({ handled: worker.worker.counts }, 'push worker stopped');
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
