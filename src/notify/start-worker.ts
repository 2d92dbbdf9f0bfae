import type { Db } from '../db/client.js';
import { silentLogger, type Logger } from '../log.js';
import type { StateStore } from '../state/store.js';
import type { WechatApi } from '../wechat/api/index.js';
import { OutboxWorker } from './outbox-worker.js';
import { loadPushTexts, type PushTemplates, type PushTexts } from './push-config.js';
import { SendRateLimiter } from './rate-limit.js';
import { DEFAULT_PUSH_SETTINGS, type PushSettings } from './settings.js';

export interface OutboxWorkerConfig {
  db: Db;
  api: WechatApi;
  /** the shared state store: the send rate limit and the template-quota flag live here */
  store: StateStore;
  logger?: Logger;
  /** the service's public URL: a push opens `${publicUrl}/c/<number>` */
  publicUrl: string;
  /** config/templates.yaml (loadPushTemplates) */
  templates: PushTemplates;
  /** flows/push.zh-CN.yaml by default */
  texts?: PushTexts;
  /** injectable clock (ms); the same one the API client uses */
  now?: () => number;
  /** idle wait between polls (default settings.pollMs) */
  pollMs?: number;
  settings?: Partial<PushSettings>;
  /** waits of the rate limiter (default: a real timer) */
  sleep?: (ms: number) => Promise<void>;
  /** jitter source 0..1 (default Math.random) */
  random?: () => number;
}

export interface OutboxWorkerHandle {
  /** stops polling and resolves once the rows in hand are finished */
  stop(): Promise<void>;
  /** delivers everything due now; returns the rows handled */
  drainOnce(): Promise<number>;
  /** polls at once (e.g. right after a transition queued pushes in this process) */
  wake(): void;
  readonly worker: OutboxWorker;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** the worker without its loop: drainOnce() is called by the caller (tests, one-shot jobs) */
export function createOutboxWorker(cfg: OutboxWorkerConfig): OutboxWorker {
  const s = { ...DEFAULT_PUSH_SETTINGS, ...cfg.settings };
  const now = cfg.now ?? Date.now;
  const random = cfg.random ?? Math.random;
  return new OutboxWorker(
    {
      db: cfg.db,
      api: cfg.api,
      store: cfg.store,
      logger: (cfg.logger ?? silentLogger).child({ component: 'push-worker' }),
      publicUrl: cfg.publicUrl,
      templates: cfg.templates,
      texts: cfg.texts ?? loadPushTexts(),
      now,
      limiter: new SendRateLimiter(cfg.store, s.ratePerSecond, now, cfg.sleep ?? realSleep),
      policy: {
        maxFailures: s.maxFailures,
        maxClaims: s.maxClaims,
        backoff: { baseMs: s.retryBaseMs, maxMs: s.retryMaxMs, random },
        quietHours: s.quietHours,
        leaseMs: s.leaseMs,
      },
    },
    { batchSize: s.batchSize, concurrency: s.concurrency, leaseMs: s.leaseMs },
  );
}

/**
 * Runs the push worker: drains the outbox, then polls every pollMs while idle, until stop().
 * stop() claims nothing new and waits for the rows in hand (a kill instead is safe too: their
 * leases expire and another worker finishes them, de-duplicated by client_msg_id).
 */
export function startOutboxWorker(cfg: OutboxWorkerConfig): OutboxWorkerHandle {
  const worker = createOutboxWorker(cfg);
  const logger = cfg.logger ?? silentLogger;
  const pollMs = cfg.pollMs ?? cfg.settings?.pollMs ?? DEFAULT_PUSH_SETTINGS.pollMs;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  const idle = () =>
    new Promise<void>((resolve) => {
      if (woken) return resolve();
      wakeUp = resolve;
      timer = setTimeout(resolve, pollMs);
    }).finally(() => {
      clearTimeout(timer);
      wakeUp = undefined;
    });

  const loop = (async () => {
    while (!stopped) {
      woken = false;
      let handled = 0;
      try {
        handled = await worker.drainOnce();
      } catch (err) {
        logger.error({ err }, 'push worker: drain failed; retrying after the poll interval');
      }
      if (!stopped && handled === 0) await idle();
    }
  })();

  return {
    worker,
    drainOnce: () => worker.drainOnce(),
    wake: () => {
      woken = true;
      wakeUp?.();
    },
    stop: async () => {
      stopped = true;
      worker.stop();
      wakeUp?.();
      await loop;
    },
  };
}
