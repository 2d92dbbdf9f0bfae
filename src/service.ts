import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { Config } from './config/config.js';
import { ConfigError } from './config/env.js';
import { pushPlacement } from './config/push-placement.js';
import { holdEmbedded } from './backup/pid-lock.js';
import { defaultSupportRules } from './civic/support.js';
import { channels } from './civic/channels.js';
import { defaultReserveRules } from './civic/budgets/reserve-expiry.js';
import { openDatabase, type Database } from './db/client.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { createLogger, type Logger } from './log.js';
import { mediaStoreFor } from './media/media-store-for.js';
import type { MediaStore } from './media/media-store.js';
import { checkOutboxDrained, loadPushTemplates, parsePushSettings, recordTemplateResult, startOutboxWorker, takeHeldUpdates, type OutboxWorkerHandle } from './notify/index.js';
import { API_BASE, consoleConfigFrom, createConsoleApi, ensureLocalAdmin, publishInboxEvent, staffAlertsFromEnv, startStaffAlerts, tileOrigins } from './console/index.js';
import { serveSpa } from './http/spa.js';
import { createPublicPages } from './public/index.js';
import { createOpen311 } from './open311/index.js';
import { defaultCategories } from './civic/categories.js';
import { seedDemoYear } from './civic/demo-year.js';
import { createRuntime } from './runtime/create-runtime.js';
import { HOUSEKEEPING_EVERY_MS, startHousekeeping } from './runtime/housekeeping.js';
import { startTranscriptDrain, type TranscriptDrain } from './runtime/transcript-drain.js';
import { idleTickets } from './runtime/idle-tickets.js';
import { warnOfCalendarGaps } from './runtime/calendar-warnings.js';
import { createWechatApi, type WechatApi } from './wechat/api/index.js';
import type { OutboundMessage } from './wechat/outbound.js';
import { createLocalSimulator, type LocalSimulator } from './simulator/index.js';
import { createStore } from './state/create-store.js';
import type { StateStore } from './state/store.js';
import { assertTextFiles } from './texts/registry.js';
import { DeliveryGate } from './wechat/delivery-gate.js';
import { createWebhook, type MessageHandler } from './wechat/webhook.js';
import { HttpRecogniser } from './speech/http-recogniser.js';

export interface ServiceOptions {
  logger?: Logger;
  /** replaces the bot (tests) */
  handler?: MessageHandler;
  /** key prefix in the state store (tests that share one Redis) */
  storePrefix?: string;
  /** the bot's clock (tests of expiry) */
  now?: () => Date;
  /** run the push worker and lifecycle jobs in this process (default: as PUSH_WORKER and the stores say, config/push-placement.ts) */
  pushWorker?: boolean;
}

export interface Service {
  config: Config;
  url: string;
  server: Server;
  store: StateStore;
  database: Database;
  /** photos and documents: PostgreSQL's media_files with DATABASE_URL, else MEDIA_DIR */
  media: MediaStore;
  metrics: Metrics;
  logger: Logger;
  /** local mode only */
  simulator?: LocalSimulator;
  /** the in-process push worker, when this instance runs one */
  push?: OutboxWorkerHandle;
  /** moves the transcript lines turns wrote behind into PostgreSQL (every instance runs one) */
  transcript: TranscriptDrain;
  /** local mode: the console login created on the first start (shown once) */
  localAdmin?: { username: string; password: string };
  stop(): Promise<void>;
}

const consoleWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'console/web/dist');
/** antd writes <style> elements; scripts stay 'self' only; images also from the map's tile server when one is configured */
const consoleCsp = (tiles: string[]) =>
  `default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src ${["'self'", 'data:', 'blob:', ...tiles].join(' ')}; media-src 'self' blob:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
const CONSOLE_NOT_BUILT =
  '<!doctype html><meta charset="utf-8"><title>控制台未构建</title><p>工作人员控制台还没有构建。请运行 <code>npm run console:build</code> 后重启服务。</p>';

/**
 * The database, migrated. A database that cannot be opened is a problem with DATABASE_URL (or
 * DATA_DIR for the embedded one): said so in one line, without the URL (it may hold a password).
 */
async function openDatabaseOrExplain(config: Config): Promise<Database> {
  let database: Database | undefined;
  try {
    database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    await database.migrate();
    return database;
  } catch (e) {
    await database?.close().catch(() => {});
    // the innermost cause says what happened (drizzle wraps the driver's ECONNREFUSED in "Failed query")
    let root: unknown = e;
    while (root instanceof Error && root.cause instanceof Error) root = root.cause;
    const why = (root instanceof Error ? root.message : String(root)).split('\n')[0];
    throw new ConfigError([
      config.databaseUrl ? `DATABASE_URL: the database could not be opened (${why})` : `DATA_DIR: the embedded database under ${config.dataDir} could not be opened (${why})`,
    ]);
  }
}

/** Opens the stores, applies migrations, assembles the app and listens. */
export async function startService(config: Config, opts: ServiceOptions = {}): Promise<Service> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  // the console's settings first: a bad CONSOLE_* variable stops the start before anything opens
  const consoleConfig = consoleConfigFrom(config);
  // every text file in flows/, as npm run flows:check checks them: all their problems in one error
  assertTextFiles();
  // the push templates too (PUSH_TEMPLATES_FILE): a bad file stops the start before the database opens
  const templates = loadPushTemplates(process.env.PUSH_TEMPLATES_FILE || undefined);
  // and config/support.yaml (the supporter counts pushed to a proposer), read now rather than at the first 支持 N
  defaultSupportRules();
  // and config/channels.yaml (the channels staff file through), read now rather than at the first 新建事项
  channels();
  // the working-day calendar: the years it cannot count are logged (due dates there are estimates)
  const unwatchCalendar = warnOfCalendarGaps(logger, (opts.now ?? (() => new Date()))());
  // and config/reserve.yaml (how long the 备选库 keeps a proposal)
  const reserve = defaultReserveRules();
  const store = createStore(config.redisUrl, opts.storePrefix);
  const database = await openDatabaseOrExplain(config);
  // the embedded database is this process's: npm run backup and restore refuse while the mark is there
  const releaseEmbedded = database.kind === 'pglite' ? holdEmbedded(config.dataDir) : undefined;
  // photos and documents: in PostgreSQL with DATABASE_URL (every instance reads them), else under MEDIA_DIR
  const media = mediaStoreFor(config, database);
  const metrics = createMetrics();
  const localAdmin = config.mode === 'local' ? await ensureLocalAdmin(database.db) : undefined;
  let url = config.publicUrl;
  // the API client is made once the address is known (local mode may listen on a free port)
  let api: WechatApi | undefined;
  const runtime = await createRuntime({
    db: database.db,
    store,
    logger,
    api: () => api,
    media,
    publicUrl: () => url,
    takeHeld: (openid) => takeHeldUpdates(database.db, openid),
    onTemplateResult: async (templateMsgId, status) => {
      const r = await recordTemplateResult(database.db, { templateMsgId, status });
      return r?.outcome === 'failed' ? 'held' : undefined;
    },
    inbox: (notice) => publishInboxEvent(store, notice),
    ...(config.speech ? { recogniser: new HttpRecogniser(config.speech) } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  // local mode with DEMO_DATA=1: a realistic year for a newcomer, once (after the runtime wrote the communities it needs)
  if (config.demoData) logger.info(await seedDemoYear(database.db, { now: (opts.now ?? (() => new Date()))() }), 'demo year');
  const handler: MessageHandler = opts.handler ?? runtime.handler;

  /** what did not fit in the passive reply, or came too late for it, goes out as customer-service messages */
  const sendLater = async (openid: string, messages: OutboundMessage[]) => {
    if (!api) throw new Error('no WeChat API client');
    for (const m of messages) await api.custom.send(openid, m);
  };
  const gate = new DeliveryGate(store, { ttlMs: config.webhook.dedupeTtlMs, budgetMs: config.webhook.replyBudgetMs }, (err) =>
    logger.error({ err }, 'late answer could not be sent'),
  );
  const webhook = createWebhook({
    wechat: config.wechat,
    bodyLimitBytes: config.webhook.bodyLimitBytes,
    gate,
    handler,
    overflow: sendLater,
    metrics,
    busyText: runtime.texts.busy,
  });
  // the simulator exists only in local mode: with an official account configured it is never mounted
  const simulator: LocalSimulator | undefined =
    config.mode === 'local' ? createLocalSimulator({ config, logger, webhookUrl: () => `${url}/wechat` }) : undefined;
  const app = createApp({
    logger,
    metrics,
    webhook,
    proxyHops: config.proxyHops,
    jsonErrorsUnder: [API_BASE],
    mounts: [
      createConsoleApi({ db: database.db, store, api: () => api, logger, config: consoleConfig, media }),
      serveSpa({ prefix: '/console', dir: consoleWebDist, csp: consoleCsp(tileOrigins(consoleConfig.map)), notBuilt: CONSOLE_NOT_BUILT }),
      createPublicPages({ db: database.db, publicUrl: config.publicUrl, media, store }),
      // Open311 GeoReport v2 for partner systems (12345, patrol apps): /open311/discovery.json, /open311/v2/…
      createOpen311({ db: database.db, categories: defaultCategories(), publicUrl: config.publicUrl, ...(opts.now ? { now: opts.now } : {}) }),
      ...(simulator ? [simulator.middleware] : []),
    ],
    probes: [
      { name: 'database', check: () => database.ping() },
      { name: 'state', check: () => store.ping() },
      { name: 'pushes', critical: false, check: () => checkOutboxDrained(database.db, (opts.now ?? (() => new Date()))(), config.pushStaleMs) },
    ],
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 65_000;
  const port = (server.address() as AddressInfo).port;
  if (config.port === 0) url = `http://127.0.0.1:${port}`;
  const ownSimulatorApi = config.mode === 'local' && config.wechat.apiBase === `${config.publicUrl}/sim/api`;
  api = createWechatApi({
    apiBase: ownSimulatorApi ? `${url}/sim/api` : config.wechat.apiBase,
    appId: config.wechat.appId,
    appSecret: config.wechat.appSecret,
    store,
    logger,
  });
  const placement = pushPlacement(config);
  const push: OutboxWorkerHandle | undefined =
    (opts.pushWorker ?? placement.inProcess)
      ? startOutboxWorker({
          db: database.db,
          api,
          store,
          logger,
          publicUrl: url,
          templates,
          settings: parsePushSettings(process.env),
        })
      : undefined;
  // optional WeCom group-robot alerts for staff (STAFF_ALERT_WEBHOOK); off by default
  const alertChannel = staffAlertsFromEnv(store, logger);
  const alerts = alertChannel ? await startStaffAlerts({ db: database.db, store, alerts: alertChannel, channel: 'wecom', logger }) : undefined;
  // the transcript lines the bot wrote behind reach PostgreSQL from here and from every other instance and worker
  const transcript = startTranscriptDrain({ db: database.db, store, logger });
  // lifecycle jobs run where the push worker runs
  const housekeeping = push
    ? startHousekeeping({
        db: database.db,
        logger,
        everyMs: HOUSEKEEPING_EVERY_MS,
        reserve,
        ...(opts.now ? { now: opts.now } : {}),
        idleTickets: idleTickets({ db: database.db, store, api: () => api, texts: runtime.texts, now: opts.now ?? (() => new Date()), inbox: (notice) => publishInboxEvent(store, notice) }),
      })
    : undefined;
  const pushesRun = opts.pushWorker === undefined ? placement : { inProcess: opts.pushWorker, where: opts.pushWorker ? 'this process' : 'npm run worker', why: 'set by the caller' };
  logger.info({ port, mode: config.mode, database: database.kind, state: store.kind, media: media.kind, pushes: pushesRun.where, why: pushesRun.why }, 'service listening');
  if (pushesRun.where === 'nowhere') logger.warn({ why: pushesRun.why }, 'no process sends pushes: residents will not hear of any status change');

  let stopped = false;
  return {
    config,
    url,
    server,
    store,
    database,
    media,
    metrics,
    logger,
    ...(simulator ? { simulator } : {}),
    ...(push ? { push } : {}),
    transcript,
    ...(localAdmin ? { localAdmin } : {}),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      unwatchCalendar();
      housekeeping?.stop();
      await alerts?.stop();
      await push?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // after the last turn: what it queued is in PostgreSQL before the stores close
      await transcript.stop();
      await simulator?.close();
      await store.close();
      await database.close();
      releaseEmbedded?.();
    },
  };
}
