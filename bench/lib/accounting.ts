import type { Redis } from 'ioredis';
import type { PgMessageCounter, TcpProxy } from '../../tests/faults/tcp-proxy.js';
import { emptyStats, Resident, SpotGrid, type Persona, type StepKind } from './residents.js';
import { openidFor, WechatMessages } from './wechat-messages.js';

/**
 * Exact per-message costs, measured one message at a time (c=1) with the service's Redis and
 * PostgreSQL connections running through counting proxies:
 * - Redis commands: INFO commandstats delta (our own redis-server, nobody else's traffic; the INFO
 *   call itself is left out)
 * - Redis round trips: proxy turns (client sends after the server answered)
 * - PostgreSQL statements: frontend Execute + Query messages on the wire
 * - PostgreSQL round trips: proxy turns on the PostgreSQL side
 */
export interface Cost {
  n: number;
  redisCmds: number;
  redisRtt: number;
  pgStatements: number;
  /** Parse messages: statements prepared (again) on a connection */
  pgParses: number;
  pgRtt: number;
  ms: number;
}

export async function commandCalls(redis: Redis): Promise<Map<string, number>> {
  const info = await redis.info('commandstats');
  const out = new Map<string, number>();
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) out.set(m[1]!, Number(m[2]));
  return out;
}

export function sumCalls(before: Map<string, number>, after: Map<string, number>, exclude = ['info']): { total: number; byCmd: Record<string, number> } {
  let total = 0;
  const byCmd: Record<string, number> = {};
  for (const [k, v] of after) {
    if (exclude.includes(k)) continue;
    const d = v - (before.get(k) ?? 0);
    if (d > 0) {
      byCmd[k] = d;
      total += d;
    }
  }
  return { total, byCmd };
}

export async function accountPerMessage(opts: {
  url: string;
  redis: Redis;
  redisProxy: TcpProxy;
  pgProxy: TcpProxy;
  /** attached to pgProxy before the service connected (it must see each connection's startup) */
  pg: PgMessageCounter;
  residents: number;
  messagesEach: number;
}): Promise<{ byKind: Record<string, Cost & { perMsg: Omit<Cost, 'n'> }>; byCmd: Record<string, number>; total: number }> {
  const pg = opts.pg;
  const messages = new WechatMessages();
  const grid = new SpotGrid(9_000_000 + Math.floor(Math.random() * 1_000_000));
  const stats = emptyStats();
  let lookupMax = 5;
  const personas: Persona[] = ['submit', 'flow', 'keyword'];
  const tag = `acct${Date.now().toString(36)}`;
  const residents = Array.from(
    { length: opts.residents },
    (_, i) => new Resident(openidFor(tag, i), personas[i % personas.length]!, i, { grid, lookupMax: () => lookupMax }),
  );
  const acc = new Map<StepKind, Cost>();
  const cmdsBefore = await commandCalls(opts.redis);
  let total = 0;
  for (let round = 0; round < opts.messagesEach; round++) {
    for (const r of residents) {
      const step = r.next();
      const wire = messages.request(r.openid, step.input, false);
      const c0 = await commandCalls(opts.redis);
      const rt0 = opts.redisProxy.counters.turns;
      const pt0 = opts.pgProxy.counters.turns;
      const ps0 = pg.statements;
      const pp0 = pg.counts.parse;
      const t0 = performance.now();
      const res = await fetch(opts.url + wire.path, { method: 'POST', body: wire.body, headers: { 'content-type': 'text/xml' } });
      const body = await res.text();
      const ms = performance.now() - t0;
      const c1 = await commandCalls(opts.redis);
      if (res.status === 200) r.read(messages.readReply(body), stats);
      else r.noAnswer();
      const filed = stats.filedNumbers.at(-1);
      if (filed && filed > lookupMax) lookupMax = filed;
      const cost = acc.get(step.kind) ?? { n: 0, redisCmds: 0, redisRtt: 0, pgStatements: 0, pgParses: 0, pgRtt: 0, ms: 0 };
      cost.n++;
      cost.redisCmds += sumCalls(c0, c1).total;
      cost.redisRtt += opts.redisProxy.counters.turns - rt0;
      cost.pgStatements += pg.statements - ps0;
      cost.pgParses += pg.counts.parse - pp0;
      cost.pgRtt += opts.pgProxy.counters.turns - pt0;
      cost.ms += ms;
      acc.set(step.kind, cost);
      total++;
    }
  }
  const cmds = sumCalls(cmdsBefore, await commandCalls(opts.redis));
  const per = (c: Cost) => ({
    redisCmds: round1(c.redisCmds / c.n),
    redisRtt: round1(c.redisRtt / c.n),
    pgStatements: round1(c.pgStatements / c.n),
    pgParses: round1(c.pgParses / c.n),
    pgRtt: round1(c.pgRtt / c.n),
    ms: round1(c.ms / c.n),
  });
  const all: Cost = { n: 0, redisCmds: 0, redisRtt: 0, pgStatements: 0, pgParses: 0, pgRtt: 0, ms: 0 };
  const byKind: Record<string, Cost & { perMsg: Omit<Cost, 'n'> }> = {};
  for (const [k, c] of acc) {
    byKind[k] = { ...c, perMsg: per(c) };
    for (const f of ['n', 'redisCmds', 'redisRtt', 'pgStatements', 'pgParses', 'pgRtt', 'ms'] as const) all[f] += c[f];
  }
  byKind.all = { ...all, perMsg: per(all) };
  const byCmd = Object.fromEntries(Object.entries(cmds.byCmd).map(([k, v]) => [k, round1(v / total)]));
  return { byKind, byCmd, total };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
