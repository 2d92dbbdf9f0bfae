/**
 * npm run bench — throughput, latency and cost per message of the WeChat front door, next to the
 * baselines of shared/reference/perf-baseline.md measured in the same run on the same machine.
 *
 *   A  bare Koa, fixed XML reply                       (bench/baselines/bare-koa.ts)
 *   C  minimal webhook: signature + fast-xml-parser    (bench/baselines/min-webhook.ts)
 *   D  C + one Redis GET and SET per message           (min-webhook.ts with REDIS_URL)
 *   S  the service (bench/serve.ts → startService) on PostgreSQL (a fresh database) and Redis
 *   E  the service on the embedded defaults (PGlite under a temp DATA_DIR, in-process state)
 *   S flow -node flags: S without npm start's node flags (--max-semi-space-size=32, a larger young
 *      generation for each message's short-lived objects): what that runtime setting buys
 *
 * Every server runs under npm start's node flags (SERVICE_NODE_FLAGS), the baselines too, so the
 * ratios compare code; so does this process, whose turn pass measures the bot in it.
 *
 * Rounds are interleaved (A C D S E, then again), each server is its own process, autocannon runs
 * in a separate process (bench/load.ts). Per run: 2 s warm-up at c=50 (discarded), c=50 for
 * BENCH_SECONDS, then c=1 for BENCH_C1_SECONDS. After the rounds: an accounting pass (Redis
 * commands and round trips, SQL statements per message, through counting proxies), a soak
 * (RSS after BENCH_SOAK messages), a CPU profile of the service, and the bot's own CPU per message
 * measured in this process one message at a time (bench/lib/turn-cpu.ts: steadier than the loaded runs). Results are printed and
 * written to bench/results/<timestamp>.json.
 *
 * Environment: BENCH_ROUNDS (3), BENCH_SECONDS (8), BENCH_C1_SECONDS (4), BENCH_SOAK (100000),
 * BENCH_SOAK_MAX_SECONDS (240), BENCH_LOG_LEVEL (info), BENCH_SKIP (comma list of: baselines,
 * experiment, embedded, accounting, soak, profile, turn), TEST_DATABASE_URL (admin URL of the PostgreSQL server).
 *
 * A quick look (about 4 minutes): BENCH_ROUNDS=1 BENCH_SECONDS=6 BENCH_C1_SECONDS=2
 * BENCH_SKIP=experiment,embedded,soak,profile. The accounting pass (exact Redis round trips and SQL
 * statements per message) does not depend on the machine's load; req/s and CPU µs/msg do, so on a
 * shared machine compare variants within one run or in back-to-back runs, as ratios.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { startFakeWechatServer } from '../src/simulator/fake-api/server.js';
import { createPostgresDatabaseUrl } from '../tests/helpers/db.js';
import { PgMessageCounter, TcpProxy } from '../tests/faults/tcp-proxy.js';
import { accountPerMessage, commandCalls, sumCalls } from './lib/accounting.js';
import { killChildren, ROOT, runLoadProcess, SERVICE_NODE_FLAGS, startRedis, startServer, type Server } from './lib/procs.js';
import { summarizeProfile, type ProfileSummary } from './lib/profile-summary.js';
import { turnCpuPass, type TurnCpu } from './lib/turn-cpu.js';
import { BENCH_ACCOUNT } from './lib/wechat-messages.js';
import { procRssMb, type LoadOptions, type LoadResult } from './load.js';

const num = (name: string, d: number) => (process.env[name] ? Number(process.env[name]) : d);
const ROUNDS = num('BENCH_ROUNDS', 3);
const SECONDS = num('BENCH_SECONDS', 8);
const C1_SECONDS = num('BENCH_C1_SECONDS', 4);
const WARMUP = 2;
const SOAK = num('BENCH_SOAK', 100_000);
const SOAK_MAX = num('BENCH_SOAK_MAX_SECONDS', 240);
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));

type Variant = 'A' | 'C' | 'D' | 'S' | 'E';
interface RunRecord {
  round: number;
  variant: Variant;
  label: string;
  c: number;
  result: LoadResult;
  redisCmdsPerMsg?: number;
}

const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);
const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

let gridNext = Math.floor(Math.random() * 1000) * 100_000;
let runSeq = 0;
const stamp = Date.now().toString(36).slice(-5);

async function main() {
  const startedAt = new Date();
  const load0 = os.loadavg();
  log(`bench: ${ROUNDS} rounds × (A C D S E), c=50 ${SECONDS}s + c=1 ${C1_SECONDS}s each; node ${process.version}, ${os.cpus().length} cpus, load ${load0.map((x) => x.toFixed(2)).join(' ')}`);

  const redisSrv = await startRedis();
  const redis = new Redis(redisSrv.url);
  const fake = await startFakeWechatServer({ appId: BENCH_ACCOUNT.appId, appSecret: BENCH_ACCOUNT.appSecret });
  const db = await createPostgresDatabaseUrl();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'msw-bench-'));
  const resultsDir = path.join(ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const cleanup = async () => {
    redis.disconnect();
    await redisSrv.stop();
    await fake.close();
    await db.drop();
    rmSync(tmp, { recursive: true, force: true });
  };

  const serviceEnv = (over: Record<string, string>): Record<string, string> => ({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL,
    WECHAT_APP_ID: BENCH_ACCOUNT.appId,
    WECHAT_APP_SECRET: BENCH_ACCOUNT.appSecret,
    WECHAT_TOKEN: BENCH_ACCOUNT.token,
    WECHAT_ENCODING_AES_KEY: BENCH_ACCOUNT.aesKey,
    WECHAT_API_BASE: fake.url,
    DATA_DIR: path.join(tmp, 'data-s'),
    ...over,
  });
  const real = () => serviceEnv({ DATABASE_URL: db.url, REDIS_URL: redisSrv.url });
  const embedded = () => serviceEnv({ DATA_DIR: path.join(tmp, 'data-e') });

  const lookupMax = { S: 50, E: 50 };
  const runs: RunRecord[] = [];

  /** c=50 (with warm-up) then c=1 against one server */
  async function measure(round: number, variant: Variant, label: string, srv: Server, scenario: LoadOptions['scenario'], safe: boolean, blind: boolean) {
    for (const c of [50, 1]) {
      const before = variant === 'S' || variant === 'D' ? await commandCalls(redis) : undefined;
      const opts: LoadOptions = {
        port: srv.port,
        connections: c,
        durationSec: c === 50 ? SECONDS : C1_SECONDS,
        ...(c === 50 ? { warmupSec: WARMUP } : {}),
        scenario,
        safe,
        blind,
        tag: `${stamp}${(++runSeq).toString(36)}`,
        residentsPerConn: 4,
        gridStart: (gridNext += 400_000),
        lookupMax: variant === 'E' ? lookupMax.E : lookupMax.S,
        serverPid: srv.pid,
      };
      const result = await runLoadProcess(opts);
      const rec: RunRecord = { round, variant, label, c, result };
      if (before) {
        const d = sumCalls(before, await commandCalls(redis));
        rec.redisCmdsPerMsg = Math.round((d.total / Math.max(1, result.total + result.warmupTotal)) * 10) / 10;
      }
      // a server that stopped answering says why in its own words
      if (result.total === 0) log(`  ${label} c=${c}: no answer at all; the server's stderr ends:\n${srv.stderrTail()}`);
      const maxFiled = Math.max(0, ...result.filedNumbers);
      if (variant === 'S') lookupMax.S = Math.max(lookupMax.S, maxFiled);
      if (variant === 'E') lookupMax.E = Math.max(lookupMax.E, maxFiled);
      runs.push(rec);
      const r = result;
      log(
        `  r${round} ${label.padEnd(22)} c=${String(c).padEnd(2)} ${String(r.rps).padStart(6)} req/s  p50 ${r.latencyMs.p50} p99 ${r.latencyMs.p99} ms  cpu ${r.serverCpuUsPerMsg ?? '-'} µs/msg (sys ${r.serverSysPct ?? '-'}%)` +
          `  residents ${r.residents}` +
          (rec.redisCmdsPerMsg !== undefined ? `  redis ${rec.redisCmdsPerMsg} cmd/msg` : '') +
          (r.non2xx || r.errors || r.timeouts ? `  non2xx ${r.non2xx} err ${r.errors} to ${r.timeouts}` : '') +
          (!blind ? `  busy ${r.replies.busy} rate ${r.replies.rateLimited} unexpected ${r.replies.unexpected} filed ${r.replies.filed}` : ''),
      );
    }
  }

  /** a discarded run right after a service starts */
  async function warm(srv: Server, lookup: number) {
    await runLoadProcess({ port: srv.port, connections: 50, durationSec: 4, scenario: 'mix', safe: false, blind: false, tag: `${stamp}w${(++runSeq).toString(36)}`, residentsPerConn: 4, gridStart: (gridNext += 400_000), lookupMax: lookup });
  }

  try {
    for (let round = 1; round <= ROUNDS; round++) {
      log(`round ${round}/${ROUNDS} (load ${os.loadavg()[0]!.toFixed(2)})`);
      for (const [variant, label, file, env] of [
        ['A', 'A bare Koa', 'bench/baselines/bare-koa.ts', {}],
        ['C', 'C min webhook', 'bench/baselines/min-webhook.ts', {}],
        ['D', 'D min webhook+Redis', 'bench/baselines/min-webhook.ts', { REDIS_URL: redisSrv.url }],
      ] as const) {
        if (SKIP.has('baselines')) break;
        const srv = await startServer(file, { WECHAT_TOKEN: BENCH_ACCOUNT.token, PORT: '0', ...env });
        try {
          await measure(round, variant, label, srv, 'flow', false, true);
        } finally {
          await srv.stop();
        }
      }
      // each service process gets a discarded warm-up (JIT, pools, caches) before its first
      // measured scenario, and the scenarios rotate from round to round so none is always first
      const rotate = <T,>(xs: T[]) => xs.map((_, i) => xs[(i + round - 1) % xs.length]!);
      const s = await startServer('bench/serve.ts', real());
      try {
        await warm(s, lookupMax.S);
        for (const [label, scenario, safe] of rotate<[string, LoadOptions['scenario'], boolean]>([
          ['S flow', 'flow', false],
          ['S flow safe', 'flow', true],
          ['S keyword', 'keyword', false],
          ['S mix', 'mix', false],
        ]))
          await measure(round, 'S', label, s, scenario, safe, false);
      } finally {
        await s.stop();
      }
      if (!SKIP.has('experiment')) {
        // what one runtime setting buys, with no code change: the service without npm start's node
        // flags (SERVICE_NODE_FLAGS: the larger young generation), flow steps only
        const x = await startServer('bench/serve.ts', real(), []);
        try {
          await warm(x, lookupMax.S);
          await measure(round, 'S', 'S flow -node flags', x, 'flow', false, false);
        } finally {
          await x.stop();
        }
      }
      if (!SKIP.has('embedded')) {
        const e = await startServer('bench/serve.ts', embedded());
        try {
          await warm(e, lookupMax.E);
          for (const [label, scenario] of rotate<[string, LoadOptions['scenario']]>([
            ['E flow', 'flow'],
            ['E mix', 'mix'],
          ]))
            await measure(round, 'E', label, e, scenario, false, false);
        } finally {
          await e.stop();
        }
      }
    }

    const file = path.join(resultsDir, `${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
    const out: Record<string, unknown> = {
      startedAt: startedAt.toISOString(),
      machine: { node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadavgStart: load0 },
      settings: { ROUNDS, SECONDS, C1_SECONDS, WARMUP, SOAK, SOAK_MAX, LOG_LEVEL },
      summary: summarize(runs),
      runs,
    };
    // written after every phase, so an interrupted run keeps what it measured
    const save = () => writeFileSync(file, JSON.stringify({ ...out, finishedAt: new Date().toISOString(), loadavgEnd: os.loadavg() }, null, 2));
    save();
    const accounting = SKIP.has('accounting') ? undefined : await accountingPass(redisSrv.url, redis, db.url, real);
    out.accounting = accounting;
    save();
    const soak = SKIP.has('soak') ? undefined : await soakPass(real, lookupMax.S);
    out.soak = soak;
    save();
    const profile = SKIP.has('profile') ? undefined : await profilePass(real, resultsDir);
    out.profile = profile;
    save();
    const turnCpu = SKIP.has('turn') ? undefined : await turnPass();
    out.turnCpu = turnCpu;
    save();
    const summary = summarize(runs);
    printReport(summary, accounting, soak, profile);
    if (turnCpu) printTurnCpu(turnCpu);
    console.log(`\nresults: ${path.relative(ROOT, file)}`);
  } finally {
    await cleanup();
  }
}

// ---------------------------------------------------------------- accounting

async function accountingPass(redisUrl: string, redis: Redis, dbUrl: string, real: () => Record<string, string>) {
  log('accounting pass: one message at a time through counting proxies');
  const redisProxy = await TcpProxy.start({ port: Number(new URL(redisUrl).port) });
  const pgUrl = new URL(dbUrl);
  const pgProxy = await TcpProxy.start({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
  const pg = new PgMessageCounter();
  pg.attach(pgProxy);
  const env = { ...real(), REDIS_URL: redisProxy.urlFor(redisUrl), DATABASE_URL: pgProxy.urlFor(dbUrl) };
  const srv = await startServer('bench/serve.ts', env);
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const dbName = pgUrl.pathname.slice(1);
  const xacts = async () => {
    const [row] = await sql<{ c: string; r: string; ins: string; upd: string; ret: string; fet: string }[]>`
      select xact_commit::text c, xact_rollback::text r, tup_inserted::text ins, tup_updated::text upd, tup_returned::text ret, tup_fetched::text fet
      from pg_stat_database where datname = ${dbName}`;
    return { commit: Number(row!.c), rollback: Number(row!.r), inserted: Number(row!.ins), updated: Number(row!.upd), returned: Number(row!.ret), fetched: Number(row!.fet) };
  };
  try {
    // backends flush their statistics when idle, at most every 10 s (PostgreSQL 15): settle first
    await new Promise((r) => setTimeout(r, 11_000));
    const x0 = await xacts();
    const r = await accountPerMessage({ url: srv.url, redis, redisProxy, pgProxy, pg, residents: 30, messagesEach: 12 });
    await new Promise((r) => setTimeout(r, 11_000));
    const x1 = await xacts();
    const n = r.total;
    const pgStat = Object.fromEntries(Object.entries(x1).map(([k, v]) => [k, Math.round(((v - x0[k as keyof typeof x0]) / n) * 10) / 10]));
    return { messages: n, byKind: r.byKind, redisCommandsPerMessage: r.byCmd, pgStatDatabasePerMessage: pgStat };
  } finally {
    await srv.stop();
    await sql.end({ timeout: 1 });
    await redisProxy.close();
    await pgProxy.close();
  }
}

// ---------------------------------------------------------------- soak

async function soakPass(real: () => Record<string, string>, lookupMax: number) {
  log(`soak: up to ${SOAK} messages (mix, c=50), at most ${SOAK_MAX} s`);
  const srv = await startServer('bench/serve.ts', real());
  const samples: { s: number; messages: number; rssMb: number; heapMb: number }[] = [];
  const t0 = Date.now();
  const metric = async () => {
    const text = await (await fetch(`${srv.url}/metrics`)).text();
    let messages = 0;
    for (const m of text.matchAll(/^wechat_messages_total\{[^}]*\} (\d+)/gm)) messages += Number(m[1]);
    const heap = /^nodejs_heap_size_used_bytes (\d+)/m.exec(text);
    return { messages, heapMb: heap ? Number(heap[1]) / 2 ** 20 : NaN };
  };
  const sample = async () => {
    if (srv.exitCode() !== null) return;
    const m = await metric().catch(() => ({ messages: NaN, heapMb: NaN }));
    let rss = NaN;
    try {
      rss = procRssMb(srv.pid);
    } catch {
      return; // it exited between the check and the read
    }
    samples.push({ s: Math.round((Date.now() - t0) / 1000), messages: m.messages, rssMb: Math.round(rss * 10) / 10, heapMb: Math.round(m.heapMb * 10) / 10 });
  };
  try {
    await sample();
    const timer = setInterval(() => void sample().catch(() => {}), 5_000);
    const result = await runLoadProcess({
      port: srv.port,
      connections: 50,
      durationSec: SOAK_MAX,
      amount: SOAK,
      scenario: 'mix',
      safe: false,
      blind: false,
      tag: `${stamp}soak`,
      residentsPerConn: 40,
      gridStart: (gridNext += 2_000_000),
      lookupMax,
      serverPid: srv.pid,
    }).finally(() => clearInterval(timer));
    await sample();
    if (srv.exitCode() !== null) {
      log(`soak: the service exited (${srv.exitCode()}) during the run:\n${srv.stderrTail()}`);
      return { crashed: true, exitCode: srv.exitCode(), stderr: srv.stderrTail(), samples, replies: result.replies, non2xx: result.non2xx, errors: result.errors };
    }
    const last = samples.at(-1)!;
    const half = samples.find((x) => x.messages >= last.messages / 2) ?? samples[0]!;
    const perTenK = (last.rssMb - half.rssMb) / Math.max(1, (last.messages - half.messages) / 10_000);
    return {
      messages: last.messages,
      seconds: last.s,
      rps: result.rps,
      reachedTarget: last.messages >= SOAK,
      rssStartMb: samples[0]!.rssMb,
      rssHalfMb: half.rssMb,
      rssEndMb: last.rssMb,
      rssGrowthSecondHalfMbPer10k: Math.round(perTenK * 100) / 100,
      heapEndMb: last.heapMb,
      replies: result.replies,
      non2xx: result.non2xx,
      samples,
    };
  } finally {
    await srv.stop();
  }
}

// ---------------------------------------------------------------- the bot's own CPU per message

async function turnPass(): Promise<TurnCpu[]> {
  log('turn: the bot in this process, one message at a time (gate + turn, in-process store, PostgreSQL)');
  const db = await createPostgresDatabaseUrl();
  try {
    return await turnCpuPass({ dbUrl: db.url, personas: ['flow', 'keyword'] });
  } finally {
    await db.drop();
  }
}

function printTurnCpu(turns: TurnCpu[]) {
  console.log('\nThe bot on its own (in this process, one message at a time, no HTTP; a steadier figure than the loaded runs on a noisy machine)');
  for (const t of turns)
    console.log(`  ${t.persona.padEnd(8)} ${String(t.mean).padStart(5)} µs CPU per message (mean of ${t.rounds.length} rounds of two steps each: ${t.rounds.join(', ')}; ${t.messages} messages, ${t.unexpected} not answered as expected)`);
}

// ---------------------------------------------------------------- profile

async function profilePass(real: () => Record<string, string>, resultsDir: string): Promise<(ProfileSummary & { file: string }) | undefined> {
  log('profile: node --cpu-prof, flow then mix at c=50');
  const dir = path.join(resultsDir, `prof-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const srv = await startServer('bench/serve.ts', real(), [...SERVICE_NODE_FLAGS, '--cpu-prof', `--cpu-prof-dir=${dir}`]);
  try {
    for (const scenario of ['flow', 'mix'] as const) {
      await runLoadProcess({
        port: srv.port,
        connections: 50,
        durationSec: 10,
        warmupSec: 2,
        scenario,
        safe: false,
        blind: false,
        tag: `${stamp}p${scenario[0]}`,
        residentsPerConn: 4,
        gridStart: (gridNext += 400_000),
        lookupMax: 50,
      });
    }
  } finally {
    await srv.stop();
  }
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return undefined;
  return { file: path.relative(ROOT, path.join(dir, file)), ...summarizeProfile(path.join(dir, file)) };
}

// ---------------------------------------------------------------- report

interface Row {
  label: string;
  rps50: number;
  p50: number;
  p99: number;
  cpuUs: number;
  sysPct: number;
  rps1: number;
  p50c1: number;
  p99c1: number;
  vsA: number;
  vsD: number;
  vsC: number;
  redisCmds: number;
  rounds: number;
  non2xx: number;
  busy: number;
  unexpected: number;
  submitP99: number;
  submitP99c1: number;
}

function summarize(runs: RunRecord[]) {
  const labels = [...new Set(runs.map((r) => r.label))];
  const at = (label: string, c: number, round: number) => runs.find((r) => r.label === label && r.c === c && r.round === round);
  const rounds = [...new Set(runs.map((r) => r.round))];
  const rows: Row[] = labels.map((label) => {
    const c50 = runs.filter((r) => r.label === label && r.c === 50);
    const c1 = runs.filter((r) => r.label === label && r.c === 1);
    const paired = (base: string) =>
      median(rounds.map((rd) => (at(label, 50, rd)?.result.rps ?? NaN) / (at(base, 50, rd)?.result.rps ?? NaN)));
    return {
      label,
      rps50: median(c50.map((r) => r.result.rps)),
      p50: median(c50.map((r) => r.result.latencyMs.p50)),
      p99: median(c50.map((r) => r.result.latencyMs.p99)),
      cpuUs: median(c50.map((r) => r.result.serverCpuUsPerMsg ?? NaN)),
      sysPct: median(c50.map((r) => r.result.serverSysPct ?? NaN)),
      rps1: median(c1.map((r) => r.result.rps)),
      p50c1: median(c1.map((r) => r.result.latencyMs.p50)),
      p99c1: median(c1.map((r) => r.result.latencyMs.p99)),
      vsA: paired('A bare Koa'),
      vsC: paired('C min webhook'),
      vsD: paired('D min webhook+Redis'),
      redisCmds: median(c50.map((r) => r.redisCmdsPerMsg ?? NaN)),
      rounds: c50.length,
      non2xx: [...c50, ...c1].reduce((a, r) => a + r.result.non2xx + r.result.errors + r.result.timeouts, 0),
      busy: [...c50, ...c1].reduce((a, r) => a + r.result.replies.busy, 0),
      unexpected: [...c50, ...c1].reduce((a, r) => a + r.result.replies.unexpected, 0),
      submitP99: median(c50.map((r) => r.result.byKind.submit?.p99 ?? NaN)),
      submitP99c1: median(c1.map((r) => r.result.byKind.submit?.p99 ?? NaN)),
    };
  });
  const row = (l: string) => rows.find((r) => r.label === l);
  const flow = row('S flow');
  const safe = row('S flow safe');
  const keyword = row('S keyword');
  const mix = row('S mix');
  const safeVsPlain = median(rounds.map((rd) => (at('S flow safe', 50, rd)?.result.rps ?? NaN) / (at('S flow', 50, rd)?.result.rps ?? NaN)));
  // the experiment, paired per round: S flow's CPU per message over the same without npm start's node flags
  const flagsCpu = rounds.map((rd) => (at('S flow', 50, rd)?.result.serverCpuUsPerMsg ?? NaN) / (at('S flow -node flags', 50, rd)?.result.serverCpuUsPerMsg ?? NaN));
  // issue 18's targets, all at c=50 and against the minimal stateful webhook of the same round
  return {
    rows,
    nodeFlagsCpu: { median: median(flagsCpu), rounds: flagsCpu },
    targets: {
      flowVsMinWebhook: { value: flow?.vsD, target: '>= 0.40', met: (flow?.vsD ?? 0) >= 0.4 },
      flowP99c50Ms: { value: flow?.p99, target: '<= 30', met: (flow?.p99 ?? Infinity) <= 30 },
      keywordVsMinWebhook: { value: keyword?.vsD, target: '>= 0.40', met: (keyword?.vsD ?? 0) >= 0.4 },
      submitP99c50Ms: { value: mix?.submitP99, target: '<= 60', met: (mix?.submitP99 ?? Infinity) <= 60 },
      safeVsPlain: { value: safeVsPlain, target: '>= 0.85', met: safeVsPlain >= 0.85, safeRps: safe?.rps50 },
    },
  };
}

const f = (n: number | undefined, d = 0) => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(d));

function printReport(
  summary: ReturnType<typeof summarize>,
  accounting: Awaited<ReturnType<typeof accountingPass>> | undefined,
  soak: Awaited<ReturnType<typeof soakPass>> | undefined,
  profile: (ProfileSummary & { file: string }) | undefined,
) {
  const head = ['variant', 'c50 req/s', 'p50 ms', 'p99 ms', 'CPU µs/msg', 'sys%', 'c1 req/s', 'c1 p50', 'c1 p99', '÷A', '÷C', '÷D', 'redis cmd/msg', 'errors', 'busy'];
  const widths = [22, 10, 7, 7, 11, 5, 9, 7, 7, 6, 6, 6, 13, 7, 5];
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' ');
  console.log(`\nMedians of ${summary.rows[0]?.rounds ?? 0} interleaved rounds (latency from autocannon's per-response hrtime; ratios paired per round, c=50 req/s)`);
  console.log(line(head));
  for (const r of summary.rows) {
    console.log(
      line([
        r.label,
        f(r.rps50),
        f(r.p50, 2),
        f(r.p99, 2),
        f(r.cpuUs),
        f(r.sysPct),
        f(r.rps1),
        f(r.p50c1, 2),
        f(r.p99c1, 2),
        f(r.vsA, 2),
        f(r.vsC, 2),
        f(r.vsD, 2),
        f(r.redisCmds, 1),
        String(r.non2xx),
        String(r.busy),
      ]),
    );
  }
  const mix = summary.rows.find((r) => r.label === 'S mix');
  const emix = summary.rows.find((r) => r.label === 'E mix');
  console.log(`\nResident report submission (the confirming "1"), p99: S mix c=50 ${f(mix?.submitP99, 2)} ms, c=1 ${f(mix?.submitP99c1, 2)} ms; E mix c=50 ${f(emix?.submitP99, 2)} ms, c=1 ${f(emix?.submitP99c1, 2)} ms`);
  const x = summary.nodeFlagsCpu;
  if (!Number.isNaN(x.median)) {
    console.log(`npm start's node flags (${SERVICE_NODE_FLAGS.join(' ')}): S flow CPU per message ÷ the same without them, paired per round: ${f(x.median, 2)} (rounds: ${x.rounds.map((v) => f(v, 2)).join(', ')})`);
  }
  const t = summary.targets;
  console.log('\nTargets');
  const met = (x: { met: boolean }) => (x.met ? 'MET' : 'NOT MET');
  console.log(`  flow step ÷ minimal webhook (D) at c=50 ≥ 0.40 : ${f(t.flowVsMinWebhook.value, 2)}  ${met(t.flowVsMinWebhook)}`);
  console.log(`  flow step p99 at c=50 ≤ 30 ms                 : ${f(t.flowP99c50Ms.value, 2)} ms  ${met(t.flowP99c50Ms)}`);
  console.log(`  keyword ÷ minimal webhook (D) at c=50 ≥ 0.40   : ${f(t.keywordVsMinWebhook.value, 2)}  ${met(t.keywordVsMinWebhook)}`);
  console.log(`  report submission p99 at c=50 ≤ 60 ms         : ${f(t.submitP99c50Ms.value, 2)} ms  ${met(t.submitP99c50Ms)}`);
  console.log(`  safe mode ÷ plaintext ≥ 0.85                  : ${f(t.safeVsPlain.value, 2)}  ${met(t.safeVsPlain)}`);
  if (accounting) {
    const all = accounting.byKind.all!.perMsg;
    console.log(`  Redis round trips per message ≤ 3          : ${f(all.redisRtt, 1)}  ${all.redisRtt <= 3 ? 'MET' : 'NOT MET'}`);
    console.log(`\nCost per message (accounting pass, ${accounting.messages} messages one at a time through counting proxies)`);
    console.log(line(['kind', 'n', 'redis cmd', 'redis RTT', 'SQL stmts', 'SQL parses', 'PG RTT', 'ms'].concat(Array(7).fill(''))).trimEnd());
    for (const [k, c] of Object.entries(accounting.byKind)) {
      console.log(line([k, String(c.n), f(c.perMsg.redisCmds, 1), f(c.perMsg.redisRtt, 1), f(c.perMsg.pgStatements, 1), f(c.perMsg.pgParses, 1), f(c.perMsg.pgRtt, 1), f(c.perMsg.ms, 2)].concat(Array(7).fill(''))).trimEnd());
    }
    console.log(`  Redis commands per message by command: ${Object.entries(accounting.redisCommandsPerMessage).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    console.log(`  pg_stat_database per message: ${Object.entries(accounting.pgStatDatabasePerMessage).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  if (soak && 'crashed' in soak) {
    console.log(`\nMemory: the service CRASHED during the soak (exit ${soak.exitCode}) after ${soak.samples.at(-1)?.messages ?? '?'} messages; stderr:\n${soak.stderr}`);
  } else if (soak) {
    console.log(
      `\nMemory: ${soak.messages} messages in ${soak.seconds} s (${soak.reachedTarget ? 'target reached' : `time cap; target ${SOAK}`}), RSS ${f(soak.rssStartMb)} → ${f(soak.rssHalfMb)} (half) → ${f(soak.rssEndMb)} MB, ` +
        `second half ${f(soak.rssGrowthSecondHalfMbPer10k, 2)} MB per 10k messages, heap used at end ${f(soak.heapEndMb)} MB`,
    );
    console.log(`  RSS flat over the soak (second half ≤ 2 MB per 10k messages): ${soak.rssGrowthSecondHalfMbPer10k <= 2 ? 'MET' : 'NOT MET'}`);
  }
  if (profile) {
    console.log(`\nCPU profile (${profile.file}; busy ${profile.busyMs} of ${profile.totalMs} ms) — self time by area:`);
    console.log('  ' + profile.buckets.slice(0, 16).map((b) => `${b.area} ${b.pct}%`).join(', '));
    console.log('  inclusive by src/ area: ' + profile.inclusive.slice(0, 10).map((b) => `${b.area} ${b.pct}%`).join(', '));
    console.log('  top functions (self):');
    for (const t of profile.top.slice(0, 15)) console.log(`    ${String(t.pct).padStart(5)}%  ${t.fn}  ${t.where}`);
  }
}

process.on('SIGINT', () => {
  killChildren();
  process.exit(130);
});
main().catch((e: unknown) => {
  console.error(e);
  killChildren();
  process.exit(1);
});
