import { spawn } from 'node:child_process';
import path from 'node:path';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, startServer, type Server } from '../../bench/lib/procs.js';
import { BENCH_ACCOUNT } from '../../bench/lib/wechat-messages.js';
import { keys } from '../../src/state/keys.js';
import { startFakeWechatServer, type FakeWechatServer } from '../../src/simulator/fake-api/server.js';
import { createPostgresDatabaseUrl } from '../helpers/db.js';
import { LoadLoop, unrecorded, waitUntil } from './harness.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The web process killed mid-load (SIGKILL: no stop, no last drain). A turn the bot answers alone
 * writes its transcript lines behind, into Redis with the turn's final batch, before the answer
 * leaves; so every message a resident was answered is in the transcript once a worker (npm run
 * worker, started after the kill) has drained the queue, and no line is there twice.
 */
describe('faults: the web process killed', () => {
  let redisSrv: Awaited<ReturnType<typeof startRedis>>;
  let fake: FakeWechatServer;
  let db: Awaited<ReturnType<typeof createPostgresDatabaseUrl>>;
  let sql: postgres.Sql;
  let redis: Redis;
  let env: Record<string, string>;
  let web: Server | undefined;

  beforeAll(async () => {
    redisSrv = await startRedis();
    redis = new Redis(redisSrv.url);
    fake = await startFakeWechatServer({ appId: BENCH_ACCOUNT.appId, appSecret: BENCH_ACCOUNT.appSecret });
    db = await createPostgresDatabaseUrl();
    sql = postgres(db.url, { max: 2, onnotice: () => {} });
    env = {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WECHAT_APP_ID: BENCH_ACCOUNT.appId,
      WECHAT_APP_SECRET: BENCH_ACCOUNT.appSecret,
      WECHAT_TOKEN: BENCH_ACCOUNT.token,
      WECHAT_ENCODING_AES_KEY: BENCH_ACCOUNT.aesKey,
      WECHAT_API_BASE: fake.url,
      DATABASE_URL: db.url,
      REDIS_URL: redisSrv.url,
      PUSH_WORKER: 'off',
    };
  });
  afterAll(async () => {
    await web?.stop().catch(() => {});
    redis?.disconnect();
    await sql?.end({ timeout: 2 });
    await fake?.close();
    await redisSrv?.stop();
    await db?.drop();
  });

  it('every answered message is in the transcript once the worker drains', async () => {
    web = await startServer('bench/serve.ts', env);
    const loop = new LoadLoop({ url: `http://127.0.0.1:${web.port}`, residents: 24, persona: 'mix', pauseMs: 50, maxMs: 60_000, maxMessages: 20_000 }).start();
    // long enough for every resident to be past their first message (whose lines go to PostgreSQL at once)
    await waitUntil(() => loop.count((e) => e.outcome === 'answer') >= 300, 40_000);
    process.kill(web.pid, 'SIGKILL');
    const killedAt = Date.now();
    const queuedAtKill = await redis.llen(keys.transcriptQueue);
    await loop.stop();
    web = undefined;

    const worker = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/worker.ts')], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    worker.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    // the dead process may have held the drain's lock: it lapses within its ttl (10 s)
    const drained = await waitUntil(async () => (await redis.llen(keys.transcriptQueue)) === 0, 60_000, 200);
    const drainedAfter = Date.now() - killedAt;
    worker.kill('SIGTERM');
    await new Promise<void>((resolve) => (worker.exitCode !== null ? resolve() : worker.once('exit', () => resolve())));

    const answered = loop.exchanges.filter((e) => e.outcome === 'answer');
    const missing = await unrecorded(sql, loop.exchanges, loop.openidPrefix);
    const [twice] = await sql<{ n: number }[]>`select count(*)::int as n from (select line_key from messages where line_key is not null group by line_key having count(*) > 1) d`;
    const [behind] = await sql<{ n: number }[]>`select count(*)::int as n from messages where line_key is not null and openid like ${loop.openidPrefix + '%'}`;
    console.log(
      `[web killed] injected: SIGKILL to the web process under ${loop.residents.length} residents' load after ${answered.length} answers\n` +
        `  counted: lines queued at the kill ${queuedAtKill}, queue drained by the worker ${drained ? `within ${drainedAfter} ms` : 'NOT within 60 s'}, ` +
        `lines written behind in the table ${behind?.n}, answered messages missing from the transcript ${missing}, lines twice ${twice?.n}` +
        (drained ? '' : `\n  worker stderr: ${stderr}`),
    );
    expect(answered.length).toBeGreaterThanOrEqual(300);
    expect(drained).toBe(true);
    expect(missing).toBe(0);
    expect(twice?.n).toBe(0);
    expect(behind?.n).toBeGreaterThan(0);
  });
});
