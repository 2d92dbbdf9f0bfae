import { z } from 'zod';
import type { CategoryCatalog } from '../civic/categories.js';
import type { WorkingCalendar } from '../civic/calendar.js';
import { loadPublicityRules, type PublicityRules } from '../civic/publicity.js';
import type { Config } from '../config/config.js';
import { ConfigError } from '../config/env.js';
import type { MapSettings } from './contract.js';
import { parseSubdomains, tileTemplateProblem } from './map-tiles.js';

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
  /** a session ends after this long without a request (default 30 min) */
  sessionIdleMs: number;
  /** and in any case this long after login (default 12 h) */
  sessionMaxMs: number;
  login: {
    /** failed logins from one IP address within ipWindowMs before 429 (default 20 in 15 min) */
    ipMaxFailures: number;
    ipWindowMs: number;
    /** failures of one username that cost nothing; each further one makes it wait 2^k s (default 5) */
    userFreeFailures: number;
    /** the longest wait (default 15 min): a delay, never a lock anyone can trigger */
    userMaxDelayMs: number;
    /** a username's failures are forgotten this long after its first one (default 24 h) */
    userWindowMs: number;
    /** a device cookie (set on a successful login) lives this long (default 90 days) */
    deviceMaxAgeMs: number;
    /** wrong passwords through one device cookie before it stops exempting (default 5) */
    deviceMaxFailures: number;
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
  /** the shortest 公示; default config/publicity.yaml */
  publicity?: PublicityRules;
  /** absent: no map in the case drawer (and the console asks nothing of any other server) */
  map?: MapSettings;
}

export const DEFAULT_LOGIN: ConsoleConfig['login'] = {
  ipMaxFailures: 20,
  ipWindowMs: 15 * 60_000,
  userFreeFailures: 5,
  userMaxDelayMs: 15 * 60_000,
  userWindowMs: 24 * 3600_000,
  deviceMaxAgeMs: 90 * 24 * 3600_000,
  deviceMaxFailures: 5,
};

/**
 * Console settings from the environment (read here, not in config/env.ts, so the console owns them):
 * CONSOLE_SESSION_IDLE_MINUTES, CONSOLE_UNACK_HOURS, CONSOLE_NOTIFY_TEMPLATE_ID (+ optional
 * CONSOLE_NOTIFY_TEMPLATE_FIELDS as JSON, default {"thing1":"{{text}}","time2":"{{time}}"}),
 * STAFF_ALERT_WEBHOOK (WeCom group robot, see alerts/) is read by the alerts wiring.
 * The case map: CONSOLE_MAP_TILES (a tile URL template; unset = no map), CONSOLE_MAP_SUBDOMAINS
 * (for {s}, default abc), CONSOLE_MAP_ATTRIBUTION (text), CONSOLE_MAP_COORDS (gcj02 | wgs84).
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
  CONSOLE_MAP_TILES: z.string().trim().optional(),
  CONSOLE_MAP_SUBDOMAINS: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]+(,[A-Za-z0-9-]+)*$/, 'must be characters such as abc or 1234, or a comma-separated list such as t0,t1')
    .optional(),
  CONSOLE_MAP_ATTRIBUTION: z.string().trim().max(500).optional(),
  /** 高德 and 腾讯 tiles are GCJ-02; 天地图 and OpenStreetMap are WGS-84 */
  CONSOLE_MAP_COORDS: z.enum(['gcj02', 'wgs84'], { message: 'must be gcj02 (高德, 腾讯) or wgs84 (天地图, OpenStreetMap)' }).default('gcj02'),
});

/** the map settings when CONSOLE_MAP_TILES is set; other CONSOLE_MAP_* alone change nothing */
function mapFrom(e: z.infer<typeof envSchema>): MapSettings | undefined {
  if (!e.CONSOLE_MAP_TILES) return undefined;
  return {
    tiles: e.CONSOLE_MAP_TILES,
    subdomains: parseSubdomains(e.CONSOLE_MAP_SUBDOMAINS),
    ...(e.CONSOLE_MAP_ATTRIBUTION ? { attribution: e.CONSOLE_MAP_ATTRIBUTION } : {}),
    coords: e.CONSOLE_MAP_COORDS,
  };
}

export function consoleConfigFrom(config: Pick<Config, 'publicUrl'>, env: Record<string, string | undefined> = process.env): ConsoleConfig {
  const r = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  const e = r.data;
  const map = mapFrom(e);
  const problem = map && tileTemplateProblem(map.tiles, map.subdomains);
  if (problem) throw new ConfigError([`CONSOLE_MAP_TILES: ${problem}`]);
  // config/publicity.yaml, read at boot: a bad value is a ConfigError that stops the start, naming the key
  const publicity = loadPublicityRules();
  return {
    publicUrl: config.publicUrl,
    sessionIdleMs: e.CONSOLE_SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: 12 * 3600_000,
    login: DEFAULT_LOGIN,
    unacknowledgedHours: e.CONSOLE_UNACK_HOURS,
    ...(e.CONSOLE_NOTIFY_TEMPLATE_ID
      ? { notifyTemplate: { templateId: e.CONSOLE_NOTIFY_TEMPLATE_ID, fields: e.CONSOLE_NOTIFY_TEMPLATE_FIELDS ?? { thing1: '{{text}}', time2: '{{time}}' } } }
      : {}),
    ...(map ? { map } : {}),
    publicity,
  };
}

