import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseEnv, type Env } from './env.js';

export interface WechatConfig {
  token: string;
  appId: string;
  appSecret: string;
  /** current EncodingAESKey; absent = plaintext mode only */
  aesKey?: string;
  /** previous EncodingAESKey, tried after the current one during a rotation */
  aesKeyPrevious?: string;
  requireEncryption: boolean;
  apiBase: string;
}

export interface Config {
  /** local: no official account configured; embedded stores and the simulator */
  mode: 'local' | 'production';
  port: number;
  host: string;
  publicUrl: string;
  wechat: WechatConfig;
  databaseUrl?: string;
  redisUrl?: string;
  dataDir: string;
  /** MEDIA_DIR: where media are kept with the embedded database only; with DATABASE_URL they are in PostgreSQL (media/media-store-for.ts) */
  mediaDir: string;
  logLevel: Env['LOG_LEVEL'];
  /** how many reverse proxies in front of the service append to X-Forwarded-For (0 = none: the socket address is the client) */
  proxyHops: number;
  webhook: { bodyLimitBytes: number; replyBudgetMs: number; dedupeTtlMs: number };
  /** local mode with DEMO_DATA=1: a demo year of micro-projects is written on start (once) */
  demoData: boolean;
  /** PUSH_WORKER: where pushes and lifecycle jobs run (push-placement.ts) */
  pushWorker: 'auto' | 'on' | 'off';
  /** /readyz reports pushes due longer ago than this */
  pushStaleMs: number;
  /** speech to text for voice messages (SPEECH_TO_TEXT_*); absent = none configured, nothing is sent */
  speech?: { url: string; model: string; apiKey?: string; language: string; timeoutMs: number };
  /** `npm run staff-bot`: the staff group chat that gets the alerts (STAFF_BOT_CHAT) */
  staffBotChat?: string;
}

export const LOCAL_APP_ID = 'wx0000000000000000';

const localSecretsSchema = z.object({ token: z.string().regex(/^[A-Za-z0-9]{3,32}$/), appSecret: z.string().min(16) });

/** In local mode the token and secret are generated once and kept under DATA_DIR, so restarts keep them. */
function localSecrets(dataDir: string): z.infer<typeof localSecretsSchema> {
  const file = path.join(dataDir, 'local-secrets.json');
  try {
    return localSecretsSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    const fresh = { token: randomBytes(12).toString('hex'), appSecret: randomBytes(16).toString('hex') };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
    return fresh;
  }
}

export function loadConfig(raw: Record<string, string | undefined> = process.env): Config {
  const env = parseEnv(raw);
  const dataDir = path.resolve(env.DATA_DIR);
  const local = !env.WECHAT_APP_ID;
  // local mode is for this machine unless HOST says otherwise (HOST=0.0.0.0 for a phone on the LAN)
  const host = env.HOST ?? (local ? '127.0.0.1' : '0.0.0.0');
  const displayHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const publicUrl = (env.PUBLIC_URL ?? `http://${displayHost}:${env.PORT}`).replace(/\/+$/, '');
  const secrets = local ? localSecrets(dataDir) : undefined;
  const wechat: WechatConfig = {
    token: env.WECHAT_TOKEN ?? secrets!.token,
    appId: env.WECHAT_APP_ID ?? LOCAL_APP_ID,
    appSecret: env.WECHAT_APP_SECRET ?? secrets!.appSecret,
    requireEncryption: env.WECHAT_REQUIRE_ENCRYPTION,
    // local mode talks to the simulator's fake API mounted in this same process
    apiBase: (env.WECHAT_API_BASE ?? (local ? `${publicUrl}/sim/api` : 'https://api.weixin.qq.com')).replace(/\/+$/, ''),
  };
  if (env.WECHAT_ENCODING_AES_KEY) wechat.aesKey = env.WECHAT_ENCODING_AES_KEY;
  if (env.WECHAT_ENCODING_AES_KEY_PREVIOUS) wechat.aesKeyPrevious = env.WECHAT_ENCODING_AES_KEY_PREVIOUS;
  const config: Config = {
    mode: local ? 'local' : 'production',
    port: env.PORT,
    host,
    publicUrl,
    wechat,
    dataDir,
    mediaDir: path.resolve(env.MEDIA_DIR ?? path.join(dataDir, 'media')),
    logLevel: env.LOG_LEVEL,
    proxyHops: env.TRUST_PROXY,
    demoData: local && env.DEMO_DATA,
    pushWorker: env.PUSH_WORKER,
    pushStaleMs: env.PUSH_STALE_MINUTES * 60_000,
    webhook: { bodyLimitBytes: env.WEBHOOK_BODY_LIMIT, replyBudgetMs: env.REPLY_BUDGET_MS, dedupeTtlMs: 5 * 60_000 },
  };
  if (env.DATABASE_URL) config.databaseUrl = env.DATABASE_URL;
  if (env.REDIS_URL) config.redisUrl = env.REDIS_URL;
  if (env.STAFF_BOT_CHAT) config.staffBotChat = env.STAFF_BOT_CHAT;
  if (env.SPEECH_TO_TEXT_URL) {
    const { SPEECH_TO_TEXT_URL: url, SPEECH_TO_TEXT_MODEL: model, SPEECH_TO_TEXT_LANGUAGE: language, SPEECH_TO_TEXT_TIMEOUT_MS: timeoutMs } = env;
    config.speech = { url, model, language, timeoutMs, ...(env.SPEECH_TO_TEXT_API_KEY ? { apiKey: env.SPEECH_TO_TEXT_API_KEY } : {}) };
  }
  return config;
}
