import { z } from 'zod';
import type { CategoryCatalog } from '../civic/categories.js';
import type { WorkingCalendar } from '../civic/calendar.js';
import type { Config } from '../config/config.js';

/** The template notice staff may send when the customer-service window is closed. */
export interface NotifyTemplate {
  templateId: string;
  /** template keys → text with {{text}} (the notice, ≤ 20 chars), {{time}}, {{staff}} */
  fields: Record<string, string>;
  /** opened on tap */
  url?: string;
}

export interface ConsoleConfig {
  /** https → the session cookie is Secure */
  publicUrl: string;
  /** where case photos are stored (the photo route streams from here only) */
  mediaDir: string;
  /** a session ends after this long without a request (default 30 min) */
  sessionIdleMs: number;
  /** and in any case this long after login (default 12 h) */
  sessionMaxMs: number;
  login: {
    /** wrong passwords in a row that lock the account (default 5) */
    maxFailures: number;
    /** how long it stays locked (default 15 min) */
    lockMs: number;
    /** failed logins from one IP address within ipWindowMs before 429 (default 20 in 15 min) */
    ipMaxFailures: number;
    ipWindowMs: number;
  };
  /** a report still submitted after this many hours is unacknowledged (default 24) */
  unacknowledgedHours: number;
  /** absent: POST /inbox/:id/notify answers 409 (no template configured) */
  notifyTemplate?: NotifyTemplate;
  /** default config/canned-replies.yaml */
  cannedRepliesFile?: string;
  /** argon2id cost; tests may lower it */
  argon2?: { memoryCost: number; timeCost: number };
  categories?: CategoryCatalog;
  calendar?: WorkingCalendar;
}

export const DEFAULT_LOGIN = { maxFailures: 5, lockMs: 15 * 60_000, ipMaxFailures: 20, ipWindowMs: 15 * 60_000 };

/**
 * Console settings from the environment (read here, not in config/env.ts, so the console owns them):
 * CONSOLE_SESSION_IDLE_MINUTES, CONSOLE_UNACK_HOURS, CONSOLE_NOTIFY_TEMPLATE_ID (+ optional
 * CONSOLE_NOTIFY_TEMPLATE_FIELDS as JSON, default {"thing1":"{{text}}","time2":"{{time}}"}),
 * STAFF_ALERT_WEBHOOK (WeCom group robot, see alerts/) is read by the alerts wiring.
 */
const envSchema = z.object({
  CONSOLE_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  CONSOLE_UNACK_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(24),
  CONSOLE_NOTIFY_TEMPLATE_ID: z.string().trim().min(1).optional(),
  CONSOLE_NOTIFY_TEMPLATE_FIELDS: z
    .string()
    .optional()
    .transform((s, c) => {
      if (!s) return undefined;
      const parsed = z.record(z.string(), z.string()).safeParse(JSON.parse(s));
      if (!parsed.success) {
        c.addIssue({ code: 'custom', message: 'must be a JSON object of template key → text' });
        return z.NEVER;
      }
      return parsed.data;
    }),
});

export function consoleConfigFrom(config: Pick<Config, 'publicUrl' | 'mediaDir'>, env: Record<string, string | undefined> = process.env): ConsoleConfig {
  const e = envSchema.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  return {
    publicUrl: config.publicUrl,
    mediaDir: config.mediaDir,
    sessionIdleMs: e.CONSOLE_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: 12 * 3600_000,
    login: DEFAULT_LOGIN,
    unacknowledgedHours: e.CONSOLE_UNACK_HOURS,
    ...(e.CONSOLE_NOTIFY_TEMPLATE_ID
      ? { notifyTemplate: { templateId: e.CONSOLE_NOTIFY_TEMPLATE_ID, fields: e.CONSOLE_NOTIFY_TEMPLATE_FIELDS ?? { thing1: '{{text}}', time2: '{{time}}' } } }
      : {}),
  };
}
