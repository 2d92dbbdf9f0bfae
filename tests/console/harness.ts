import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Koa from 'koa';
import { proxyOptions } from '../../src/app.js';
import { seedCommunities } from '../../src/civic/communities.js';
import { submitProposal } from '../../src/civic/kinds/proposal.js';
import { submitReport } from '../../src/civic/kinds/report.js';
import { API_BASE, createConsoleApi } from '../../src/console/index.js';
import { DEFAULT_LOGIN, type ConsoleConfig } from '../../src/console/config.js';
import { createStaffUser } from '../../src/console/staff.js';
import type { Role } from '../../src/console/contract.js';
import type { Database, Db } from '../../src/db/client.js';
import { requestContext } from '../../src/http/error-middleware.js';
import { createLogger, silentLogger } from '../../src/log.js';
import { diskMediaStore } from '../../src/media/disk-media-store.js';
import type { MediaStore } from '../../src/media/media-store.js';
import { startFakeWechatServer, type FakeWechatServer } from '../../src/simulator/fake-api/server.js';
import { MemoryStore } from '../../src/state/memory-store.js';
import type { StateStore } from '../../src/state/store.js';
import { createWechatApi, type WechatApi } from '../../src/wechat/api/index.js';
import { openTestDatabase, type DbKind } from '../helpers/db.js';

export const APP_ID = 'wx0123456789abcdef';
export const APP_SECRET = 'fake-secret-0123456789abcdef';
export const PASSWORD = 'correct-horse-battery';
/** Monday 2 March 2026, 10:00 in Shenzhen */
export const T0 = Date.parse('2026-03-02T02:00:00Z');
/** cheap argon2id for tests (the production cost is in auth/password.ts) */
export const TEST_COST = { memoryCost: 1024, timeCost: 1 };

export interface Clock {
  now: () => Date;
  set(ms: number): void;
  advance(ms: number): void;
}
export function testClock(start = T0): Clock {
  let t = start;
  return { now: () => new Date(t), set: (v) => void (t = v), advance: (ms) => void (t += ms) };
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** parsed when the answer is JSON */
  json: any;
  body: Buffer;
}

export interface Client {
  csrf: string;
  cookie: string;
  request(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  get(p: string): Promise<Answer>;
  post(p: string, body?: unknown): Promise<Answer>;
  patch(p: string, body?: unknown): Promise<Answer>;
  del(p: string): Promise<Answer>;
}

export interface ConsoleHarness {
  db: Db;
  database: Database;
  store: StateStore;
  clock: Clock;
  url: string;
  mediaDir: string;
  /** the console's media store (a disk store on mediaDir by default) */
  media: MediaStore;
  fake?: FakeWechatServer;
  api?: WechatApi;
  /** raw fetch against the console, no cookie */
  fetch(method: string, p: string, init?: { body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
  user(username: string, role: Role, scope?: { streetId?: string; communityId?: string; unit?: string }): Promise<number>;
  login(username: string, password?: string): Promise<Client>;
  report(o: { communityId: string; category?: string; description?: string; openid?: string }): Promise<number>;
  proposal(o: { communityId: string; title?: string; estimatedCost?: number; projectType?: '工程类' | '服务类' | '货物类'; openid?: string }): Promise<number>;
  close(): Promise<void>;
}

async function answer(res: Response): Promise<Answer> {
  const body = Buffer.from(await res.arrayBuffer());
  const text = body.toString('utf8');
  let json: unknown;
  if ((res.headers.get('content-type') ?? '').includes('application/json')) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, text, json, body };
}

let seq = 0;

export async function startConsole(
  kind: DbKind = 'postgres',
  o: { wechat?: boolean; config?: Partial<ConsoleConfig>; /** trusted proxies in front (default 1) */ proxyHops?: number; store?: StateStore; /** another instance's database (left open on close) */ database?: Database; media?: MediaStore } = {},
): Promise<ConsoleHarness> {
  const clock = testClock();
  const database = o.database ?? (await openTestDatabase(kind));
  if (!o.database) await seedCommunities(database.db);
  const store = o.store ?? new MemoryStore(() => clock.now().getTime());
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'console-media-'));
  // under mediaDir unless the test gives another store (the PostgreSQL one)
  const media = o.media ?? diskMediaStore(mediaDir);
  let fake: FakeWechatServer | undefined;
  let api: WechatApi | undefined;
  if (o.wechat) {
    fake = await startFakeWechatServer({ appId: APP_ID, appSecret: APP_SECRET, now: () => clock.now().getTime(), templateIds: ['TPL-NOTICE'] });
    api = createWechatApi({ apiBase: fake.url, appId: APP_ID, appSecret: APP_SECRET, store, now: () => clock.now().getTime(), retry: { retries: 0, sleep: async () => {}, random: () => 1 } });
  }
  const config: ConsoleConfig = {
    publicUrl: 'http://127.0.0.1',
    sessionIdleMs: 30 * 60_000,
    sessionMaxMs: 12 * 3600_000,
    login: DEFAULT_LOGIN,
    unacknowledgedHours: 24,
    argon2: TEST_COST,
    notifyTemplate: { templateId: 'TPL-NOTICE', fields: { thing1: '{{text}}', time2: '{{time}}' } },
    ...o.config,
  };
  // one trusted proxy, as TRUST_PROXY=true sets it up (app.ts): the rightmost X-Forwarded-For entry is the client
  const app = new Koa(proxyOptions(o.proxyHops ?? 1));
  app.silent = true;
  // CONSOLE_TEST_LOG=1 shows what the error middleware logs (the cause of a 500)
  const logger = process.env.CONSOLE_TEST_LOG ? createLogger('warn') : silentLogger;
  app.use(requestContext(logger, { jsonErrorsUnder: [API_BASE] }));
  app.use(async (ctx, next) => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    await next();
  });
  app.use(createConsoleApi({ db: database.db, store, api: () => api, logger: silentLogger, config, media, now: clock.now }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const rawFetch: ConsoleHarness['fetch'] = async (method, p, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === 'string' ? init.body : JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    return answer(await fetch(url + p, { method, headers, ...(body !== undefined ? { body } : {}) }));
  };

  const client = (cookie: string, csrf: string): Client => {
    const c: Client = {
      cookie,
      csrf,
      request: async (method, p, body, headers = {}) => {
        const a = await rawFetch(method, p, { ...(body !== undefined ? { body } : {}), headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, ...headers } });
        const set = a.headers.get('set-cookie');
        if (set?.startsWith('msw_console=') && a.json?.csrfToken) {
          c.cookie = set.split(';')[0]!;
          c.csrf = a.json.csrfToken;
        }
        return a;
      },
      get: (p) => c.request('GET', p),
      post: (p, body) => c.request('POST', p, body ?? {}),
      patch: (p, body) => c.request('PATCH', p, body ?? {}),
      del: (p) => c.request('DELETE', p),
    };
    return c;
  };

  return {
    db: database.db,
    database,
    store,
    clock,
    url,
    mediaDir,
    media,
    ...(fake ? { fake } : {}),
    ...(api ? { api } : {}),
    fetch: rawFetch,
    async user(username, role, scope = {}) {
      const row = await createStaffUser(database.db, { username, displayName: `${username}名`, password: PASSWORD, role, ...scope }, TEST_COST);
      return row.id;
    },
    async login(username, password = PASSWORD) {
      const a = await rawFetch('POST', '/api/console/login', { body: { username, password } });
      if (a.status !== 200) throw new Error(`login ${username}: ${a.status} ${a.text}`);
      return client(a.headers.get('set-cookie')!.split(';')[0]!, a.json.csrfToken);
    },
    async report(r) {
      seq += 1;
      const { caseId } = await submitReport(
        database.db,
        { openid: r.openid ?? `o-res-${seq}`, sourceKey: `src-${seq}-${Math.random()}`, category: r.category ?? 'streetlight', description: r.description ?? `路灯不亮 ${seq}`, communityId: r.communityId, phone: '13812345678' },
        { now: clock.now() },
      );
      return caseId;
    },
    async proposal(p) {
      seq += 1;
      const { caseId } = await submitProposal(
        database.db,
        {
          openid: p.openid ?? `o-res-${seq}`,
          sourceKey: `src-${seq}-${Math.random()}`,
          title: p.title ?? `提议 ${seq}`,
          description: '村里小巷需要装路灯',
          projectType: p.projectType ?? '工程类',
          beneficiaries: '村内老人',
          communityId: p.communityId,
          ...(p.estimatedCost !== undefined ? { estimatedCost: p.estimatedCost } : {}),
        },
        { now: clock.now() },
      );
      return caseId;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await fake?.close();
      await store.close();
      if (!o.database) await database.close();
      rmSync(mediaDir, { recursive: true, force: true });
    },
  };
}
