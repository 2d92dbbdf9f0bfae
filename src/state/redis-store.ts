import { Redis, type RedisOptions } from 'ioredis';
import type { StateStore, StoreWrite } from './store.js';

/** KEYS: list, guard; ARGV: count, expected */
const DROP_HEAD_IF_EQUALS = `if redis.call('GET', KEYS[2]) == ARGV[2] then redis.call('LTRIM', KEYS[1], ARGV[1], -1) return 1 else return 0 end`;
/**
 * A run of writes that share a hash slot, as one atomic step (RedisStore.apply). KEYS: one per
 * write; ARGV: per write its op and arguments: s value ttl | d | se expected value ttl | de expected
 * | r count values…; an empty ttl is no expiry. Returns 1 or 0 per write.
 */
const APPLY = `local out, a = {}, 1
for i = 1, #KEYS do
  local op, k = ARGV[a], KEYS[i]
  if op == 's' then
    if ARGV[a + 2] == '' then redis.call('SET', k, ARGV[a + 1]) else redis.call('SET', k, ARGV[a + 1], 'PX', ARGV[a + 2]) end
    out[i] = 1 a = a + 3
  elseif op == 'd' then redis.call('DEL', k) out[i] = 1 a = a + 1
  elseif op == 'se' then
    if redis.call('GET', k) == ARGV[a + 1] then
      if ARGV[a + 3] == '' then redis.call('SET', k, ARGV[a + 2]) else redis.call('SET', k, ARGV[a + 2], 'PX', ARGV[a + 3]) end
      out[i] = 1 else out[i] = 0 end
    a = a + 4
  elseif op == 'de' then
    if redis.call('GET', k) == ARGV[a + 1] then redis.call('DEL', k) out[i] = 1 else out[i] = 0 end
    a = a + 2
  else
    local n = tonumber(ARGV[a + 1])
    for j = 0, n - 1, 500 do redis.call('RPUSH', k, unpack(ARGV, a + 2 + j, a + 1 + math.min(n, j + 500))) end
    out[i] = 1 a = a + 2 + n
  end
end
return out`;
const INCR_WITH_TTL = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;
/**
 * KEYS: claim, lock, counter, reads…; ARGV: claim value ('' without a claim), claim ttl, token, lock
 * ttl, counter ttl. -1: the claim is someone else's; false: the lock is held; else count and reads.
 */
const LOCK_INCR_GET = `local claim = ARGV[1] ~= ''
if claim and redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
if not redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4], 'NX') then return false end
if claim then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
local n = redis.call('INCR', KEYS[3]) if n == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[5]) end
local out = { n }
for i = 4, #KEYS do out[i - 2] = redis.call('GET', KEYS[i]) end
return out`;

type Scripts = {
  incrWithTtl(key: string, ttl: string): Promise<number>;
  lockIncrGet(...args: (string | number)[]): Promise<(number | string | false | null)[] | -1 | null>;
  dropHeadIfEquals(list: string, guard: string, count: string, expected: string): Promise<number>;
  applyRun(...args: (string | number)[]): Promise<number[]>;
};

const px = (ms: number) => Math.max(1, Math.ceil(ms));
const ttlArg = (ms: number | undefined) => (ms === undefined ? '' : String(px(ms)));

/** the part of a key Redis Cluster hashes: the first non-empty {tag}, else the whole key */
function slotOf(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

/** a write's op and arguments, as the APPLY script reads them */
function applyArgs(w: StoreWrite): string[] {
  switch (w.op) {
    case 'set':
      return ['s', w.value, ttlArg(w.ttlMs)];
    case 'del':
      return ['d'];
    case 'setIfEquals':
      return ['se', w.expected, w.value, ttlArg(w.ttlMs)];
    case 'deleteIfEquals':
      return ['de', w.expected];
    case 'rpush':
      return ['r', String(w.values.length), ...w.values];
  }
}

/**
 * Redis state store. Every operation is one round trip; compare-and-set operations are Lua
 * scripts (EVALSHA once loaded) so they stay atomic across instances.
 */
export class RedisStore implements StateStore {
  readonly kind = 'redis' as const;
  readonly client: Redis;
  private subscriber: Redis | undefined;
  private readonly handlers = new Map<string, Set<(m: string) => void>>();

  constructor(url: string, options: RedisOptions = {}, private readonly prefix = '') {
    this.client = new Redis(url, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      connectTimeout: 2000,
      // a command must not hang a webhook while Redis is away: fail fast, the caller answers "busy"
      commandTimeout: 2000,
      // commands issued in one tick leave in one write: a turn's batch and the quota note issued
      // beside it, and the concurrent turns of other residents (fewer syscalls and round trips)
      enableAutoPipelining: true,
      // a lost connection is tried again within half a second, so residents are served soon after
      // Redis returns (ioredis's default backs off to 2 s)
      retryStrategy: (times: number) => Math.min(times * 50, 500),
      ...options,
    });
    // errors surface on the command that failed; the connection keeps retrying in the background
    this.client.on('error', () => {});
    // commands wait for the first connection (startup); once connected, a command issued while the
    // connection is down fails at once, so the resident reads 系统繁忙 now and not after the command
    // timeout (commands in flight when it dropped are still sent again on reconnect)
    this.client.once('ready', () => {
      this.client.options.enableOfflineQueue = false;
    });
    this.client.defineCommand('incrWithTtl', { numberOfKeys: 1, lua: INCR_WITH_TTL });
    this.client.defineCommand('lockIncrGet', { lua: LOCK_INCR_GET });
    this.client.defineCommand('dropHeadIfEquals', { numberOfKeys: 2, lua: DROP_HEAD_IF_EQUALS });
    this.client.defineCommand('applyRun', { lua: APPLY });
  }

  private get scripts(): Scripts {
    return this.client as unknown as Scripts;
  }

  private k(key: string) {
    return this.prefix + key;
  }

  async get(key: string) {
    return this.client.get(this.k(key));
  }
  async mget(keys: string[]) {
    if (keys.length === 0) return [];
    return this.client.mget(keys.map((k) => this.k(k)));
  }
  async set(key: string, value: string, ttlMs?: number) {
    if (ttlMs === undefined) await this.client.set(this.k(key), value);
    else await this.client.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }
  async setIfAbsent(key: string, value: string, ttlMs: number) {
    return (await this.client.set(this.k(key), value, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }
  async del(...keys: string[]) {
    if (keys.length === 0) return 0;
    return this.client.del(...keys.map((k) => this.k(k)));
  }
  async deleteIfEquals(key: string, expected: string) {
    return (await this.write({ op: 'deleteIfEquals', key, expected })) === 1;
  }
  async setIfEquals(key: string, expected: string, value: string, ttlMs?: number) {
    return (await this.write({ op: 'setIfEquals', key, expected, value, ...(ttlMs === undefined ? {} : { ttlMs }) })) === 1;
  }
  async incr(key: string, ttlMs: number) {
    return Number(await this.scripts.incrWithTtl(this.k(key), String(px(ttlMs))));
  }
  /**
   * Consecutive writes that share a hash slot (a resident's session, drafts, lock release and the
   * answer kept for WeChat's retries) go as one script, atomic and one command; a write alone goes as
   * its own command. The runs are issued in order without waiting: with auto-pipelining they leave
   * in one write, and Redis runs one connection's commands in the order sent.
   */
  async apply(writes: StoreWrite[]) {
    const runs: StoreWrite[][] = [];
    let slot: string | undefined;
    for (const w of writes) {
      const s = slotOf(w.key);
      if (s === slot) runs[runs.length - 1]!.push(w);
      else runs.push([w]);
      slot = s;
    }
    const replies = await Promise.all(runs.map((run) => (run.length === 1 ? this.write(run[0]!).then((r) => [r]) : this.applyRun(run))));
    return replies.flatMap((results, i) => runs[i]!.map((w, j) => (w.op === 'set' || w.op === 'del' || w.op === 'rpush' ? true : results[j] === 1)));
  }
  private applyRun(run: StoreWrite[]): Promise<unknown[]> {
    return this.scripts.applyRun(run.length, ...run.map((w) => this.k(w.key)), ...run.flatMap(applyArgs));
  }
  /** one write as one command: a plain one as itself, a conditional one through the APPLY script */
  private write(w: StoreWrite): Promise<unknown> {
    const key = this.k(w.key);
    switch (w.op) {
      case 'set':
        return w.ttlMs === undefined ? this.client.set(key, w.value) : this.client.set(key, w.value, 'PX', px(w.ttlMs));
      case 'del':
        return this.client.del(key);
      case 'setIfEquals':
      case 'deleteIfEquals':
        return this.applyRun([w]).then((r) => r[0]);
      case 'rpush':
        return w.values.length ? this.client.rpush(key, ...w.values) : Promise.resolve(0);
    }
  }
  async lockIncrGet(
    lock: { key: string; token: string; ttlMs: number },
    counter: { key: string; ttlMs: number },
    reads: string[],
    claim?: { key: string; value: string; ttlMs: number },
  ) {
    // without a claim, KEYS[1] is the lock again (a key the script does not touch then; same slot)
    const keys = [claim?.key ?? lock.key, lock.key, counter.key, ...reads].map((k) => this.k(k));
    const r = await this.scripts.lockIncrGet(keys.length, ...keys, claim?.value ?? '', claim ? px(claim.ttlMs) : 0, lock.token, px(lock.ttlMs), px(counter.ttlMs));
    if (r === -1) return 'claimed' as const;
    if (!r) return null;
    // a nil GET inside a script comes back as false (Lua's nil ends the table, so index by position)
    return { count: Number(r[0]), values: reads.map((_, i) => (typeof r[i + 1] === 'string' ? (r[i + 1] as string) : null)) };
  }
  async pttl(key: string) {
    return this.client.pttl(this.k(key));
  }
  async zadd(key: string, score: number, member: string, ttlMs?: number) {
    if (ttlMs === undefined) {
      await this.client.zadd(this.k(key), score, member);
      return;
    }
    await this.client
      .multi()
      .zadd(this.k(key), score, member)
      .pexpire(this.k(key), Math.max(1, Math.ceil(ttlMs)))
      .exec();
  }
  async zrangeByScore(key: string, min: number, max: number, limit?: number) {
    const args: (string | number)[] = [this.k(key), min, max, 'WITHSCORES'];
    if (limit !== undefined) args.push('LIMIT', 0, limit);
    const flat = (await this.client.call('ZRANGEBYSCORE', ...args)) as string[];
    const out: { member: string; score: number }[] = [];
    for (let i = 0; i < flat.length; i += 2) out.push({ member: flat[i]!, score: Number(flat[i + 1]) });
    return out;
  }
  async zremRangeByScore(key: string, min: number, max: number) {
    return this.client.zremrangebyscore(this.k(key), min, max);
  }
  async zrem(key: string, member: string) {
    return this.client.zrem(this.k(key), member);
  }
  async zcount(key: string, min: number, max: number) {
    return this.client.zcount(this.k(key), min, max);
  }
  async rpush(key: string, value: string, ttlMs?: number) {
    if (ttlMs === undefined) return this.client.rpush(this.k(key), value);
    const res = await this.client
      .multi()
      .rpush(this.k(key), value)
      .pexpire(this.k(key), Math.max(1, Math.ceil(ttlMs)))
      .exec();
    return Number(res?.[0]?.[1] ?? 0);
  }
  async lrange(key: string, start: number, stop: number) {
    return this.client.lrange(this.k(key), start, stop);
  }
  async dropHeadIfEquals(key: string, count: number, guard: { key: string; expected: string }) {
    return (await this.scripts.dropHeadIfEquals(this.k(key), this.k(guard.key), String(Math.max(0, Math.floor(count))), guard.expected)) === 1;
  }
  async publish(channel: string, message: string) {
    await this.client.publish(this.k(channel), message);
  }
  async subscribe(channel: string, onMessage: (message: string) => void) {
    if (!this.subscriber) {
      // its own connection, queueing until connected (the main client stops queueing once it is)
      this.subscriber = this.client.duplicate({ enableAutoPipelining: false, enableOfflineQueue: true });
      this.subscriber.on('error', () => {});
      this.subscriber.on('message', (ch: string, msg: string) => {
        for (const h of this.handlers.get(ch) ?? []) h(msg);
      });
    }
    const ch = this.k(channel);
    let set = this.handlers.get(ch);
    if (!set) {
      set = new Set();
      this.handlers.set(ch, set);
      await this.subscriber.subscribe(ch);
    }
    set.add(onMessage);
    return async () => {
      const s = this.handlers.get(ch);
      if (!s) return;
      s.delete(onMessage);
      if (s.size === 0) {
        this.handlers.delete(ch);
        await this.subscriber?.unsubscribe(ch).catch(() => {});
      }
    };
  }
  async ping() {
    await this.client.ping();
  }
  async close() {
    await this.subscriber?.quit().catch(() => {});
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
