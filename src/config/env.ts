import { z } from 'zod';

/**
 * The environment variables are a public contract: operators and tests rely on these names.
 * Every bad or missing variable is reported at once, by name, before anything starts.
 */
const aesKey = z
  .string()
  .regex(/^[A-Za-z0-9]{43}$/, 'must be 43 letters and digits (the EncodingAESKey from the WeChat console)');

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const boolFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const proxyHops = z
  .string()
  .optional()
  .transform((v, c) => {
    const t = (v ?? '').trim().toLowerCase();
    if (t === '' || t === 'false' || t === '0') return 0;
    if (t === 'true') return 1;
    if (/^[1-9]$/.test(t)) return Number(t);
    c.addIssue({ code: 'custom', message: 'must be true, false or the number of reverse proxies in front of the service (1–9)' });
    return z.NEVER;
  });

export const envSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a port number (0–65535)' }).int('must be a whole port number (0–65535)').min(0, 'must be a port number (0–65535)').max(65535, 'must be a port number (0–65535)').default(3000),
  /** unset: 127.0.0.1 in local mode (the simulator and a first-login console are for this machine only), 0.0.0.0 in production */
  HOST: optionalString.pipe(z.string().regex(/^[A-Za-z0-9.:-]+$/, 'must be an address to listen on, such as 127.0.0.1 or 0.0.0.0').optional()),
  PUBLIC_URL: optionalString.pipe(z.url({ message: 'must be an absolute URL such as https://wx.example.gov.cn' }).optional()),
  WECHAT_TOKEN: optionalString.pipe(
    z.string().regex(/^[A-Za-z0-9]{3,32}$/, 'must be 3 to 32 letters and digits (the Token from the WeChat console)').optional(),
  ),
  WECHAT_APP_ID: optionalString.pipe(z.string().regex(/^wx[0-9a-f]{16}$/i, 'must look like wx followed by 16 hex digits').optional()),
  WECHAT_APP_SECRET: optionalString,
  WECHAT_ENCODING_AES_KEY: optionalString.pipe(aesKey.optional()),
  WECHAT_ENCODING_AES_KEY_PREVIOUS: optionalString.pipe(aesKey.optional()),
  WECHAT_REQUIRE_ENCRYPTION: boolFlag,
  /** local mode only: write a realistic year of micro-projects (config/demo-year.yaml) on start, once; ignored with an official account */
  DEMO_DATA: boolFlag,
  WECHAT_API_BASE: optionalString.pipe(z.url().optional()),
  DATABASE_URL: optionalString.pipe(
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  ),
  REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional()),
  DATA_DIR: z.string().default('./data'),
  MEDIA_DIR: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * how many reverse proxies stand in front of the service (each appends to X-Forwarded-For): true
   * = 1, a number = that many, false/unset = none. The client address is read that many entries
   * from the right; anything further left was written by the client and may be forged.
   */
  TRUST_PROXY: proxyHops,
  /** optional: a WeCom group-robot webhook (https) that gets staff alerts for new and overdue tickets */
  STAFF_ALERT_WEBHOOK: optionalString.pipe(z.url().regex(/^https:\/\//, 'must be an https:// URL').optional()),
  /** `npm run staff-bot` only: the staff group chat's name (or its remark name) that gets the alerts */
  STAFF_BOT_CHAT: optionalString.pipe(z.string().max(100, 'must be at most 100 characters (a group chat name)').optional()),
  /**
   * where the push worker and the lifecycle jobs run: auto = in this process when nothing else could
   * (the embedded database or state, or local mode), else in `npm run worker`; on = here as well; off = not here
   */
  PUSH_WORKER: z.enum(['auto', 'on', 'off'], { message: 'must be auto, on or off' }).default('auto'),
  /** /readyz reports pushes waiting longer than this many minutes (no worker draining the outbox) */
  PUSH_STALE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(10),
  /**
   * optional: a self-hosted speech-to-text server of the OpenAI-compatible shape (…/v1/audio/transcriptions)
   * for voice messages WeChat did not transcribe; unset = no voice is sent anywhere
   */
  SPEECH_TO_TEXT_URL: optionalString.pipe(z.url({ message: 'must be an http:// or https:// URL such as http://127.0.0.1:8000' }).regex(/^https?:\/\//, 'must be an http:// or https:// URL').optional()),
  SPEECH_TO_TEXT_MODEL: z.string().trim().min(1).default('whisper-1'),
  SPEECH_TO_TEXT_API_KEY: optionalString,
  SPEECH_TO_TEXT_LANGUAGE: z.string().regex(/^[a-z]{2}$/, 'must be a two-letter language code such as zh').default('zh'),
  SPEECH_TO_TEXT_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(3000),
  WEBHOOK_BODY_LIMIT: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(64 * 1024),
  REPLY_BUDGET_MS: z.coerce.number().int().min(100).max(4800).default(4500),
});

export type Env = z.infer<typeof envSchema>;

/** Each problem is one line naming the variable (or file) and what is wrong with it. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.map((p) => `Invalid configuration: ${p}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Parses the raw environment; throws a ConfigError that names every bad variable. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(raw);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path.join('.') || '(environment)';
      problems.push(`${name}: ${issue.message}`);
    }
    throw new ConfigError(problems);
  }
  const env = result.data;
  if (env.WECHAT_APP_ID) {
    if (!env.WECHAT_TOKEN) problems.push('WECHAT_TOKEN: required when WECHAT_APP_ID is set');
    if (!env.WECHAT_APP_SECRET) problems.push('WECHAT_APP_SECRET: required when WECHAT_APP_ID is set');
  }
  if (env.WECHAT_REQUIRE_ENCRYPTION && !env.WECHAT_ENCODING_AES_KEY) {
    problems.push('WECHAT_ENCODING_AES_KEY: required when WECHAT_REQUIRE_ENCRYPTION is true');
  }
  if (env.WECHAT_ENCODING_AES_KEY_PREVIOUS && !env.WECHAT_ENCODING_AES_KEY) {
    problems.push('WECHAT_ENCODING_AES_KEY: required when WECHAT_ENCODING_AES_KEY_PREVIOUS is set');
  }
  if (problems.length) throw new ConfigError(problems);
  return env;
}
