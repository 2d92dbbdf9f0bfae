import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { emptyStats, personaFor, Resident, SpotGrid, type Persona, type StepKind } from '../../bench/lib/residents.js';
import { BENCH_ACCOUNT, openidFor, WechatMessages, type ResidentInput } from '../../bench/lib/wechat-messages.js';
import type { Service, ServiceOptions } from '../../src/service.js';
import { startFakeWechatServer, type FakeWechatServer } from '../../src/simulator/fake-api/server.js';
import { createPostgresDatabaseUrl } from '../helpers/db.js';
import { TEST_REDIS_URL } from '../helpers/servers.js';
import { startTestService } from '../helpers/service.js';
import { TcpProxy } from './tcp-proxy.js';

/**
 * The service on real PostgreSQL (a fresh database) and the shared Redis, each behind a TcpProxy
 * the test can cut, stall or reset, plus the fake WeChat API. The shared servers themselves are
 * never touched; the test's own rows and keys are isolated (database, key prefix).
 */
export interface FaultStack {
  svc: Service;
  /** more instances on the same database and Redis (two app instances behind a load balancer) */
  extra: Service[];
  pgProxy: TcpProxy;
  redisProxy: TcpProxy;
  fake: FakeWechatServer;
  /** a direct connection to the test database (not through the proxy) */
  sql: postgres.Sql;
  prefix: string;
  env: Record<string, string>;
  addInstance(): Promise<Service>;
  /** WeChat's side of a resident writing: opens the customer-service window in the fake API */
  noteInbound(openid: string): void;
  /** the transcript lines the instances wrote behind, moved to PostgreSQL now (their drainers do it every 200 ms) */
  drainTranscript(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultStack(env: Record<string, string> = {}, opts: ServiceOptions = {}): Promise<FaultStack> {
  const db = await createPostgresDatabaseUrl();
  const pgUrl = new URL(db.url);
  const pgProxy = await TcpProxy.start({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
  const redisUrl = new URL(TEST_REDIS_URL);
  const redisProxy = await TcpProxy.start({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
  const fake = await startFakeWechatServer({ appId: BENCH_ACCOUNT.appId, appSecret: BENCH_ACCOUNT.appSecret });
  const prefix = `faults:${randomBytes(4).toString('hex')}:`;
  const fullEnv: Record<string, string> = {
    WECHAT_APP_ID: BENCH_ACCOUNT.appId,
    WECHAT_APP_SECRET: BENCH_ACCOUNT.appSecret,
    WECHAT_TOKEN: BENCH_ACCOUNT.token,
    WECHAT_ENCODING_AES_KEY: BENCH_ACCOUNT.aesKey,
    WECHAT_API_BASE: fake.url,
    DATABASE_URL: pgProxy.urlFor(db.url),
    REDIS_URL: redisProxy.urlFor(TEST_REDIS_URL),
    ...env,
  };
  const svc = await startTestService(fullEnv, { storePrefix: prefix, ...opts });
  const sql = postgres(db.url, { max: 2, onnotice: () => {} });
  const extra: Service[] = [];
  return {
    svc,
    extra,
    pgProxy,
    redisProxy,
    fake,
    sql,
    prefix,
    env: fullEnv,
    noteInbound: (openid) => fake.api.noteInbound(openid, 'message'),
    drainTranscript: async () => {
      for (const s of [svc, ...extra]) await s.transcript.drain();
    },
    addInstance: async () => {
      const s = await startTestService(fullEnv, { storePrefix: prefix, ...opts });
      extra.push(s);
      return s;
    },
    stop: async () => {
      pgProxy.restore();
      redisProxy.restore();
      for (const s of [svc, ...extra]) await s.stop().catch(() => {});
      await sql.end({ timeout: 2 });
      await fake.close();
      await pgProxy.close();
      await redisProxy.close();
      await db.drop();
    },
  };
}

export interface Exchange {
  openid: string;
  kind: StepKind;
  input: ResidentInput;
  sentAt: number;
  doneAt: number;
  status: number;
  /** 'error' = no HTTP answer at all */
  outcome: 'answer' | 'busy' | 'success' | 'rate_limited' | 'unexpected' | 'http_error' | 'error';
  content: string;
}

const wechat = new WechatMessages();

/** One message to /wechat as WeChat posts it, and what the resident reads. */
export async function say(
  baseUrl: string,
  openid: string,
  input: ResidentInput,
  opts: { safe?: boolean; timeoutMs?: number; wire?: { path: string; body: string } } = {},
): Promise<{ status: number; kind: 'text' | 'success' | 'other' | 'error'; content: string; raw: string }> {
  const wire = opts.wire ?? wechat.request(openid, input, opts.safe ?? false);
  try {
    const res = await fetch(baseUrl + wire.path, {
      method: 'POST',
      body: wire.body,
      headers: { 'content-type': 'text/xml' },
      signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
    });
    const raw = await res.text();
    if (res.status !== 200) return { status: res.status, kind: 'other', content: raw.slice(0, 200), raw };
    const r = wechat.readReply(raw);
    return { status: 200, kind: r.kind, content: r.content, raw };
  } catch (e) {
    return { status: 0, kind: 'error', content: e instanceof Error ? e.message : String(e), raw: '' };
  }
}

export const text = (content: string): ResidentInput => ({ type: 'text', content });
export { wechat as messages };

function outcomeOf(status: number, kind: string, content: string): Exchange['outcome'] {
  if (status === 0) return 'error';
  if (status !== 200) return 'http_error';
  if (kind === 'success') return 'success';
  if (kind !== 'text') return 'unexpected';
  if (content.includes('系统繁忙')) return 'busy';
  if (content.includes('发送得太快')) return 'rate_limited';
  return 'answer';
}

/**
 * A bounded steady load: `residents` people, each reading every answer before the next message
 * (bench/lib/residents.ts personas), with a pause between messages. Stops at maxMessages, at
 * maxMs, or on stop(), whichever comes first.
 */
export class LoadLoop {
  readonly exchanges: Exchange[] = [];
  readonly residents: Resident[];
  /** every resident's openid starts with this (for queries) */
  readonly openidPrefix: string;
  private stopped = false;
  private running: Promise<void>[] = [];
  private readonly stats = emptyStats();

  constructor(
    private readonly o: {
      url: string | (() => string);
      residents: number;
      persona?: Persona | 'mix';
      tag?: string;
      pauseMs?: number;
      /** pause after a busy notice or `success` (default 1 s) */
      retryPauseMs?: number;
      maxMessages?: number;
      maxMs?: number;
      safe?: boolean;
      /** told of every message a resident sends (the fake WeChat API opens its customer-service window) */
      onSend?: (openid: string) => void;
    },
  ) {
    const tag = o.tag ?? `f${randomBytes(3).toString('hex')}`;
    this.openidPrefix = openidFor(tag, 0).slice(0, openidFor(tag, 0).indexOf('_') + 1);
    const grid = new SpotGrid(Math.floor(Math.random() * 1000) * 100_000);
    const lookupMax = 5;
    this.residents = Array.from(
      { length: o.residents },
      (_, i) => new Resident(openidFor(tag, i), o.persona && o.persona !== 'mix' ? o.persona : personaFor('mix', i), i, { grid, lookupMax: () => lookupMax }),
    );
  }

  start(): this {
    const deadline = Date.now() + (this.o.maxMs ?? 60_000);
    const max = this.o.maxMessages ?? 5_000;
    this.running = this.residents.map(async (r) => {
      while (!this.stopped && Date.now() < deadline && this.exchanges.length < max) {
        const step = r.next();
        const url = typeof this.o.url === 'function' ? this.o.url() : this.o.url;
        const sentAt = Date.now();
        this.o.onSend?.(r.openid);
        const res = await say(url, r.openid, step.input, { safe: this.o.safe ?? false });
        const doneAt = Date.now();
        if (res.status === 200 && res.kind !== 'error') r.read({ kind: res.kind, content: res.content }, this.stats);
        else r.noAnswer();
        const outcome = outcomeOf(res.status, res.kind, res.content);
        this.exchanges.push({ openid: r.openid, kind: step.kind, input: step.input, sentAt, doneAt, status: res.status, outcome, content: res.content });
        // a person who got no real answer waits a moment before saying it again
        const answered = outcome === 'answer';
        await new Promise((resolve) => setTimeout(resolve, answered ? (this.o.pauseMs ?? 350) : (this.o.retryPauseMs ?? 1000)));
      }
    });
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }

  async done(): Promise<void> {
    await Promise.all(this.running);
  }

  /** report numbers residents were told, with the resident */
  confirmed(): { openid: string; n: number }[] {
    return this.exchanges.flatMap((e) => {
      const m = /编号是 #(\d+)/.exec(e.content);
      return m ? [{ openid: e.openid, n: Number(m[1]) }] : [];
    });
  }

  count(filter: (e: Exchange) => boolean = () => true): number {
    return this.exchanges.filter(filter).length;
  }

  tally(exchanges: Exchange[] = this.exchanges): Record<Exchange['outcome'] | 'total' | '5xx', number> {
    const t = { total: 0, answer: 0, busy: 0, success: 0, rate_limited: 0, unexpected: 0, http_error: 0, error: 0, '5xx': 0 };
    for (const e of exchanges) {
      t.total++;
      t[e.outcome]++;
      if (e.status >= 500) t['5xx']++;
    }
    return t;
  }
}

/**
 * Checks the promises made to residents against the database (read directly, not through the
 * proxy): every confirmed number exists and belongs to the resident it was told to; no resident
 * has two reports for one conversation (same description, place and category).
 */
export async function auditReports(sql: postgres.Sql, loop: LoadLoop, openidPrefix: string, fake?: FakeWechatServer) {
  // told in the passive reply, or later through the customer-service API (a late answer)
  const late = (fake?.recorder.delivered({ api: 'message/custom/send' }) ?? [])
    .filter((r) => r.openid?.startsWith(openidPrefix))
    .flatMap((r) => {
      const m = /编号是 #(\d+)/.exec(String((r.body as { text?: { content?: string } }).text?.content ?? ''));
      return m ? [{ openid: r.openid!, n: Number(m[1]) }] : [];
    });
  const confirmed = [...loop.confirmed(), ...late];
  const numbers = [...new Set(confirmed.map((c) => c.n))];
  const rows = numbers.length ? await sql<{ id: number; openid: string }[]>`select id, openid from cases where id = any(${numbers})` : [];
  const byId = new Map(rows.map((r) => [r.id, r.openid]));
  const lost = confirmed.filter((c) => byId.get(c.n) !== c.openid);
  const dupes = await sql<{ openid: string; n: number }[]>`
    select openid, count(*)::int as n from cases
    where openid like ${openidPrefix + '%'}
    group by openid, description, location_label, category, lat, lng having count(*) > 1`;
  const all = await sql<{ id: number }[]>`select id from cases where openid like ${openidPrefix + '%'}`;
  // a reply that says 提交成功 must carry its number
  const savedWithoutNumber = loop.exchanges.filter((e) => e.content.includes('提交成功') && !/编号是 #\d+/.test(e.content)).length;
  return {
    confirmed: confirmed.length,
    distinctConfirmed: numbers.length,
    toldLate: late.length,
    lost: lost.length,
    lostSamples: lost.slice(0, 5),
    duplicated: dupes.length,
    reportsInDb: all.length,
    /** filed but never told (the resident got 系统繁忙 or nothing, and did not come back to it) */
    neverTold: all.filter((r) => !numbers.includes(r.id)).length,
    savedWithoutNumber,
  };
}

/**
 * Answered messages whose inbound line is not in the transcript (after the lines written behind
 * were drained): text and locations, matched by resident and body, counted with multiplicity.
 */
export async function unrecorded(sql: postgres.Sql, exchanges: readonly Exchange[], openidPrefix: string): Promise<number> {
  const rows = await sql<{ openid: string; body: string; n: number }[]>`
    select openid, body, count(*)::int as n from messages where openid like ${openidPrefix + '%'} and direction = 'in' group by openid, body`;
  const have = new Map(rows.map((r) => [`${r.openid}\u0000${r.body}`, r.n]));
  const want = new Map<string, number>();
  for (const e of exchanges) {
    if (e.outcome !== 'answer') continue;
    const body = e.input.type === 'text' ? e.input.content : e.input.type === 'location' ? `[位置] ${e.input.label}` : undefined;
    if (body === undefined) continue;
    const k = `${e.openid}\u0000${body}`;
    want.set(k, (want.get(k) ?? 0) + 1);
  }
  let missing = 0;
  for (const [k, n] of want) missing += Math.max(0, n - (have.get(k) ?? 0));
  return missing;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls until `done()` holds or `maxMs` passed; true when it held. The fault tests wait for what
 * they need to see (busy answers during an outage, every resident answered after it) instead of
 * sleeping a fixed time and hoping the machine was fast enough to fit it in: `maxMs` is a generous
 * bound, not the expected time, so a busy machine only makes the test slower.
 */
export async function waitUntil(done: () => boolean | Promise<boolean>, maxMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(everyMs);
  }
}

/** waits until every resident of the loop was answered for a message sent after `since`; ms after `since` for each */
export async function recovery(loop: LoadLoop, since: number, maxMs: number): Promise<Map<string, number>> {
  const recovered = new Map<string, number>();
  await waitUntil(() => {
    for (const e of loop.exchanges) if (e.sentAt >= since && e.outcome === 'answer' && !recovered.has(e.openid)) recovered.set(e.openid, e.doneAt - since);
    return recovered.size === loop.residents.length;
  }, maxMs, 250);
  return recovered;
}

export function pctl(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))]! : NaN;
}
