import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { seedCommunities } from '../../src/civic/communities.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import { submitReport } from '../../src/civic/kinds/report.js';
import { subscribeCase } from '../../src/civic/follow.js';
import { ensureResident } from '../../src/civic/residents.js';
import type { Database, Db } from '../../src/db/client.js';
import { outbox } from '../../src/db/schema.js';
import { loadPushTemplates, type PushTemplates } from '../../src/notify/push-config.js';
import type { PushSettings } from '../../src/notify/settings.js';
import { createOutboxWorker, type OutboxWorkerConfig } from '../../src/notify/start-worker.js';
import type { OutboxWorker } from '../../src/notify/outbox-worker.js';
import { startFakeWechatServer, type FakeWechatServer } from '../../src/simulator/fake-api/server.js';
import { RedisStore } from '../../src/state/redis-store.js';
import type { StateStore } from '../../src/state/store.js';
import { createWechatApi, type WechatApi, type WechatApiOptions } from '../../src/wechat/api/index.js';
import { openTestDatabase, type DbKind } from '../helpers/db.js';
import { openTestStore, type StoreKind } from '../helpers/stores.js';

export const APP_ID = 'wx0123456789abcdef';
export const APP_SECRET = 'fake-secret-0123456789abcdef';
export const PUBLIC_URL = 'https://wx.example.gov.cn';
/** Monday 2 March 2026, 10:00 in Shenzhen */
export const T0 = Date.parse('2026-03-02T02:00:00Z');
export const staff = { type: 'staff', id: 'staff:1' } as const;
export const TEMPLATES: PushTemplates = loadPushTemplates();

export interface Clock {
  now: () => number;
  advance(ms: number): void;
  set(t: number): void;
}

export function testClock(start = T0): Clock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms), set: (v) => void (t = v) };
}

export interface PushHarness {
  db: Db;
  database: Database;
  store: StateStore;
  fake: FakeWechatServer;
  api: WechatApi;
  clock: Clock;
  /** a WeChat client of another instance (own store unless given) */
  client(extra?: Partial<WechatApiOptions>): WechatApi;
  worker(extra?: Partial<OutboxWorkerConfig> & { settings?: Partial<PushSettings> }): OutboxWorker;
  close(): Promise<void>;
}

/** fixed jitter: every delay is exactly 3/4 of its nominal value */
export const JITTER = () => 0.5;

export async function startPushHarness(
  kind: DbKind = 'postgres',
  opts: { store?: StoreKind; templateIds?: string[]; clock?: Clock } = {},
): Promise<PushHarness> {
  const clock = opts.clock ?? testClock();
  const database = await openTestDatabase(kind);
  await seedCommunities(database.db);
  const prefix = `t:notify:${randomBytes(4).toString('hex')}:`;
  const store = openTestStore(opts.store ?? 'memory', prefix);
  const fake = await startFakeWechatServer({ appId: APP_ID, appSecret: APP_SECRET, now: clock.now, ...(opts.templateIds ? { templateIds: opts.templateIds } : {}) });
  const client = (extra: Partial<WechatApiOptions> = {}) =>
    createWechatApi({
      apiBase: fake.url,
      appId: APP_ID,
      appSecret: APP_SECRET,
      store,
      now: clock.now,
      timeoutMs: 5000,
      retry: { retries: 0, sleep: async () => {}, random: () => 1 },
      ...extra,
    });
  const api = client();
  const worker: PushHarness['worker'] = (extra = {}) =>
    createOutboxWorker({
      db: database.db,
      api,
      store,
      publicUrl: PUBLIC_URL,
      templates: TEMPLATES,
      now: clock.now,
      random: JITTER,
      sleep: async (ms) => clock.advance(ms),
      ...extra,
      settings: { ratePerSecond: 0, ...extra.settings },
    });
  return {
    db: database.db,
    database,
    store,
    fake,
    api,
    clock,
    client,
    worker,
    close: async () => {
      await fake.close();
      if (store instanceof RedisStore) {
        const found: string[] = [];
        for await (const batch of store.client.scanStream({ match: `${prefix}*`, count: 200 })) found.push(...(batch as string[]));
        if (found.length) await store.client.del(...found);
      }
      await store.close();
      await database.close();
    },
  };
}

let seq = 0;

/** a report filed by `author` (subscribed as its author) plus followers; returns the case id */
export async function fileReport(db: Db, clock: Clock, author = 'o-author', followers: string[] = [], description = '南头古城中山南街路灯不亮'): Promise<number> {
  seq += 1;
  const r = await submitReport(
    db,
    {
      openid: author,
      sourceKey: `msg:${seq}:${randomBytes(4).toString('hex')}`,
      category: 'streetlight',
      description,
      location: { lat: 22.5431, lng: 113.9236, label: '中山南街 12 号' },
      photos: [],
      communityId: 'nantoucheng',
    },
    { now: new Date(clock.now()) },
  );
  for (const f of followers) {
    await ensureResident(db, f, new Date(clock.now()));
    await subscribeCase(db, r.caseId, f, new Date(clock.now()));
  }
  return r.caseId;
}

/** staff accept the report: one status_changed push per subscriber */
export async function accept(db: Db, clock: Clock, caseId: number, publicNote = '已派单，三日内维修') {
  return transition(db, { caseId, to: 'accepted', actor: staff, publicNote, data: { assignee: '南头街道城管办' } }, { now: new Date(clock.now()) });
}

export async function rowsOf(db: Db, openid?: string) {
  const q = db.select().from(outbox);
  return (openid ? q.where(eq(outbox.openid, openid)) : q).orderBy(outbox.id);
}

/** template messages WeChat actually delivered (not de-duplicated repeats) */
export const templatesDelivered = (fake: FakeWechatServer, openid?: string) =>
  fake.recorder.delivered({ api: 'message/template/send', ...(openid ? { openid } : {}) });
export const customDelivered = (fake: FakeWechatServer, openid?: string) =>
  fake.recorder.delivered({ api: 'message/custom/send', ...(openid ? { openid } : {}) });
