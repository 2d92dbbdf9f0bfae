import { z } from 'zod';
import { ConfigError } from '../config/env.js';
import { quietHoursSchema, type QuietHours } from './schedule.js';

/** How the push worker sends; every field has a default. */
export interface PushSettings {
  /** sends per second across all workers (0 = no limit) */
  ratePerSecond: number;
  /** China time; null = push around the clock */
  quietHours: QuietHours | null;
  /** transient failures before a push is dead-lettered */
  maxFailures: number;
  /** claims of one row before it is dead-lettered */
  maxClaims: number;
  /** first retry delay, doubled per failure up to retryMaxMs */
  retryBaseMs: number;
  retryMaxMs: number;
  /** idle wait between polls of the outbox */
  pollMs: number;
  batchSize: number;
  concurrency: number;
  /** how long a claim lasts (must stay well under WeChat's 10 min client_msg_id window) */
  leaseMs: number;
}

export const DEFAULT_PUSH_SETTINGS: PushSettings = {
  ratePerSecond: 20,
  quietHours: null,
  maxFailures: 10,
  maxClaims: 30,
  retryBaseMs: 30_000,
  retryMaxMs: 60 * 60_000,
  pollMs: 1000,
  batchSize: 20,
  concurrency: 4,
  leaseMs: 2 * 60_000,
};

const num = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

/**
 * PUSH_* environment variables of the worker (all optional):
 * PUSH_RATE_PER_SECOND (20; 0 = none), PUSH_QUIET_HOURS ("22:00-07:00", China time; unset = none),
 * PUSH_MAX_FAILURES (10), PUSH_RETRY_BASE_MS (30000), PUSH_RETRY_MAX_MS (3600000),
 * PUSH_POLL_MS (1000), PUSH_BATCH_SIZE (20), PUSH_CONCURRENCY (4), PUSH_LEASE_MS (120000, ≤ 5 min).
 */
export const pushEnvSchema = z.object({
  PUSH_RATE_PER_SECOND: num(0, 10_000),
  PUSH_QUIET_HOURS: z.string().optional().transform((v) => v ?? '').pipe(quietHoursSchema),
  PUSH_MAX_FAILURES: num(1, 100),
  PUSH_RETRY_BASE_MS: num(100, 3_600_000),
  PUSH_RETRY_MAX_MS: num(1000, 24 * 3_600_000),
  PUSH_POLL_MS: num(10, 60_000),
  PUSH_BATCH_SIZE: num(1, 500),
  PUSH_CONCURRENCY: num(1, 64),
  PUSH_LEASE_MS: num(10_000, 5 * 60_000),
});

export function parsePushSettings(raw: Record<string, string | undefined> = process.env): PushSettings {
  const clean = Object.fromEntries(Object.entries(raw).filter(([k, v]) => k.startsWith('PUSH_') && v !== undefined && v.trim() !== ''));
  const r = pushEnvSchema.safeParse(clean);
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const e = r.data;
  const d = DEFAULT_PUSH_SETTINGS;
  return {
    ratePerSecond: e.PUSH_RATE_PER_SECOND ?? d.ratePerSecond,
    quietHours: e.PUSH_QUIET_HOURS,
    maxFailures: e.PUSH_MAX_FAILURES ?? d.maxFailures,
    maxClaims: d.maxClaims,
    retryBaseMs: e.PUSH_RETRY_BASE_MS ?? d.retryBaseMs,
    retryMaxMs: e.PUSH_RETRY_MAX_MS ?? d.retryMaxMs,
    pollMs: e.PUSH_POLL_MS ?? d.pollMs,
    batchSize: e.PUSH_BATCH_SIZE ?? d.batchSize,
    concurrency: e.PUSH_CONCURRENCY ?? d.concurrency,
    leaseMs: e.PUSH_LEASE_MS ?? d.leaseMs,
  };
}
