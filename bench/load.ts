/**
 * The load generator, run as its own process by bench/run.ts (never inside the server):
 *   node --import tsx bench/load.ts '<json options>'
 * Drives POST /wechat with autocannon. Each connection owns a block of residents and talks to them
 * in turn (one message in flight per connection, so a resident never has two), reading every
 * answer before choosing that resident's next message (bench/lib/residents.ts). Prints one JSON
 * line: throughput, latency (µs resolution, from autocannon's per-response hrtime) overall and
 * per kind of message, what the residents read, and the server's CPU time during the measured
 * window (procfs utime+stime of serverPid).
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { emptyStats, personaFor, Resident, SpotGrid, type ReplyStats, type StepKind } from './lib/residents.js';
import { openidFor, WechatMessages } from './lib/wechat-messages.js';

export interface LoadOptions {
  port: number;
  connections: number;
  durationSec: number;
  /** discarded run first, same residents (default 0) */
  warmupSec?: number;
  scenario: 'flow' | 'submit' | 'keyword' | 'mix';
  safe: boolean;
  /** baselines: do not read answers, send the fixed flow sequence */
  blind: boolean;
  /** distinct per run: residents are new in every run */
  tag: string;
  /** residents per connection at the start (blocks grow, see maxPerResidentPerSec) */
  residentsPerConn: number;
  /** a resident sends at most about this many messages a second (default 1) */
  maxPerResidentPerSec?: number;
  /** first spot of the location grid for this run */
  gridStart: number;
  /** 查询 N picks N in 1..lookupMax */
  lookupMax: number;
  /** server pid for CPU accounting */
  serverPid?: number;
  /** stop after this many responses (soak); duration still caps it */
  amount?: number;
  /** per-request timeout, seconds (default 10) */
  timeoutSec?: number;
}

export interface LoadResult {
  connections: number;
  scenario: string;
  safe: boolean;
  durationSec: number;
  total: number;
  warmupTotal: number;
  rps: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  byKind: Record<string, { n: number; p50: number; p99: number }>;
  non2xx: number;
  errors: number;
  timeouts: number;
  replies: Omit<ReplyStats, 'filedNumbers'>;
  filedNumbers: number[];
  serverCpuUsPerMsg?: number;
  /** the kernel's share of it (stime): system calls, loopback TCP */
  serverSysPct?: number;
  serverCpuPct?: number;
  loadGenCpuPct: number;
  residents: number;
}

const CLK_TCK = 100;

export function procCpuTicks(pid: number): number {
  const t = procCpu(pid);
  return t.user + t.sys;
}

/** utime and stime of a process, in clock ticks (procfs) */
export function procCpu(pid: number): { user: number; sys: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state): utime is field 14, stime field 15
  return { user: Number(fields[11]), sys: Number(fields[12]) };
}

export function procRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /VmRSS:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : NaN);
const r2 = (n: number) => Math.round(n * 100) / 100;

interface Sampler {
  all: number[];
  byKind: Map<StepKind, number[]>;
  non2xx: number;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const messages = new WechatMessages();
  const grid = new SpotGrid(o.gridStart);
  const stats = emptyStats();
  let lookupMax = Math.max(1, o.lookupMax);
  const env = { grid, lookupMax: () => lookupMax, blind: o.blind };
  // resident blocks by connection index: the warm-up and the measured run use the same residents.
  // A block grows so that none of its residents writes more than about one message a second (a
  // person reading each answer; the bot's own limit is 30 per 10 s): each resident then lives
  // through whole conversations instead of sending one message each.
  let residentCount = 0;
  const newResident = () => {
    const i = residentCount++;
    return new Resident(openidFor(o.tag, i), personaFor(o.scenario, i), i, env);
  };
  const blocks: Resident[][] = [];
  for (let c = 0; c < o.connections; c++) blocks.push(Array.from({ length: o.residentsPerConn }, newResident));
  const maxPerResidentPerSec = o.maxPerResidentPerSec ?? 1;
  let sampler: Sampler = { all: [], byKind: new Map(), non2xx: 0 };

  const once = (durationSec: number, amount?: number) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      let clientIndex = 0;
      let responses = 0;
      let stopped = false;
      const instance: autocannon.Instance = autocannon(
        {
          url: `http://127.0.0.1:${o.port}`,
          connections: o.connections,
          // autocannon's own `amount` ignores the duration: the cap on responses is applied below
          duration: durationSec,
          timeout: o.timeoutSec ?? 10,
          // one request entry per client, with the client's own closure (autocannon resets its
          // per-request context every time it wraps around the list, so state lives here)
          requests: [{ method: 'POST', path: '/wechat' }],
          setupClient: (client: autocannon.Client) => {
            const block = blocks[clientIndex++ % blocks.length]!;
            let turn = 0;
            let windowStart = performance.now();
            let windowCount = 0;
            let current: { resident: Resident; kind: StepKind } | undefined;
            let first = true;
            client.on('response', (status: number, _bytes: number, duration: number) => {
              if (amount && ++responses >= amount && !stopped) {
                stopped = true;
                instance.stop();
              }
              if (first) {
                // built while the connections were still being set up: not a latency sample
                first = false;
              } else {
                sampler.all.push(duration);
                const k = current!.kind;
                let arr = sampler.byKind.get(k);
                if (!arr) sampler.byKind.set(k, (arr = []));
                arr.push(duration);
              }
              if (status < 200 || status > 299) {
                sampler.non2xx++;
                current?.resident.noAnswer();
              }
            });
            (client as unknown as { setRequests(r: unknown[]): void }).setRequests([
              {
                method: 'POST',
                headers: { 'content-type': 'text/xml', 'user-agent': 'Mozilla/4.0' },
                setupRequest: (req: Record<string, unknown>) => {
                  if (++windowCount === 40) {
                    const perSec = windowCount / Math.max(0.001, (performance.now() - windowStart) / 1000);
                    const want = Math.min(400, Math.ceil(perSec / maxPerResidentPerSec));
                    while (block.length < want) block.push(newResident());
                    windowStart = performance.now();
                    windowCount = 0;
                  }
                  const resident = block[turn++ % block.length]!;
                  const step = resident.next();
                  current = { resident, kind: step.kind };
                  const wire = messages.request(resident.openid, step.input, o.safe);
                  return { ...req, path: wire.path, body: wire.body };
                },
                onResponse: (status: number, body: string) => {
                  if (o.blind || !current || status !== 200) return;
                  current.resident.read(messages.readReply(body), stats);
                  const n = stats.filedNumbers.length;
                  if (n && stats.filedNumbers[n - 1]! > lookupMax) lookupMax = stats.filedNumbers[n - 1]!;
                },
              },
            ]);
          },
        },
        (err: Error | null, result: autocannon.Result) => (err ? reject(err) : resolve(result)),
      );
    });

  let warmupTotal = 0;
  if (o.warmupSec) {
    const w = await once(o.warmupSec);
    warmupTotal = w.requests.total;
    sampler = { all: [], byKind: new Map(), non2xx: 0 };
  }
  const statsBefore = { ...stats, filedNumbers: [] as number[] };
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const srv0 = o.serverPid ? procCpu(o.serverPid) : { user: 0, sys: 0 };
  const result = await once(o.durationSec, o.amount);
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  const srv1 = o.serverPid ? procCpu(o.serverPid) : { user: 0, sys: 0 };
  const cpu = process.cpuUsage(cpu0);
  const total = result.requests.total;
  const all = sampler.all.sort((a, b) => a - b);
  const byKind: LoadResult['byKind'] = {};
  for (const [k, arr] of sampler.byKind) {
    arr.sort((a, b) => a - b);
    byKind[k] = { n: arr.length, p50: r2(pct(arr, 0.5)), p99: r2(pct(arr, 0.99)) };
  }
  const { filedNumbers, ...replies } = stats;
  const window = result.duration || wallS;
  const out: LoadResult = {
    connections: o.connections,
    scenario: o.scenario,
    safe: o.safe,
    durationSec: r2(window),
    total,
    warmupTotal,
    rps: Math.round(total / window),
    latencyMs: {
      p50: r2(pct(all, 0.5)),
      p90: r2(pct(all, 0.9)),
      p99: r2(pct(all, 0.99)),
      max: r2(all[all.length - 1] ?? NaN),
      mean: r2(all.reduce((a, b) => a + b, 0) / Math.max(1, all.length)),
    },
    byKind,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    replies: {
      ...replies,
      // the measured window only
      replies: replies.replies - statsBefore.replies,
      success: replies.success - statsBefore.success,
      busy: replies.busy - statsBefore.busy,
      rateLimited: replies.rateLimited - statsBefore.rateLimited,
      filed: replies.filed - statsBefore.filed,
      unexpected: replies.unexpected - statsBefore.unexpected,
    },
    filedNumbers,
    loadGenCpuPct: Math.round(((cpu.user + cpu.system) / 1e6 / wallS) * 100),
    residents: residentCount,
  };
  if (o.serverPid) {
    const ticks = srv1.user + srv1.sys - srv0.user - srv0.sys;
    out.serverSysPct = Math.round(((srv1.sys - srv0.sys) / Math.max(1, ticks)) * 100);
    out.serverCpuUsPerMsg = Math.round((ticks * (1e6 / CLK_TCK)) / Math.max(1, total));
    out.serverCpuPct = Math.round(((ticks / CLK_TCK) / wallS) * 100);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const opts = JSON.parse(process.argv[2] ?? '{}') as LoadOptions;
  runLoad(opts).then(
    (r) => {
      process.stdout.write(JSON.stringify(r) + '\n');
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
