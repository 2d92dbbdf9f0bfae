/**
 * npm run bench:push — the push drain: one community's 10,000 subscribers are told that a project
 * went into 公示 (publicity_notice, one outbox row each), and the push workers (src/notify) drain
 * them against the fake WeChat API at the configured send rate. Checks that every subscriber got
 * exactly one message, that no clock second saw more sends than the rate, and prints the time.
 *
 * Environment: PUSH_RATE_PER_SECOND and the other PUSH_* settings (src/notify/settings.ts; the rate
 * defaults to 20/s, so 10,000 pushes take about 8 min), PUSH_DRAIN_COUNT (10000),
 * PUSH_DRAIN_WORKERS (2: two workers share the rate through Redis), TEST_DATABASE_URL.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { seedCommunities } from '../src/civic/communities.js';
import { transition } from '../src/civic/lifecycle/transition.js';
import { submitProposal } from '../src/civic/index.js';
import { ensureResident } from '../src/civic/residents.js';
import { openDatabase } from '../src/db/client.js';
import { casePayload } from '../src/civic/outbox.js';
import { cases, communitySubscriptions, outbox, residents } from '../src/db/schema.js';
import { loadPushTemplates, parsePushSettings, startOutboxWorker, type OutboxWorkerHandle } from '../src/notify/index.js';
import { startFakeWechatServer } from '../src/simulator/fake-api/server.js';
import { SimRecorder } from '../src/simulator/recorder.js';
import { RedisStore } from '../src/state/redis-store.js';
import { createWechatApi } from '../src/wechat/api/index.js';
import { createPostgresDatabaseUrl } from '../tests/helpers/db.js';
import { ROOT, startRedis } from './lib/procs.js';
import { BENCH_ACCOUNT } from './lib/wechat-messages.js';

const COUNT = Number(process.env.PUSH_DRAIN_COUNT ?? 10_000);
const WORKERS = Number(process.env.PUSH_DRAIN_WORKERS ?? 2);
const COMMUNITY = 'nantoucheng';
const staff = { type: 'staff', id: 'staff:bench' } as const;
const log = (s: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${s}\n`);

async function main() {
  const settings = parsePushSettings(process.env);
  const templates = loadPushTemplates();
  const redisSrv = await startRedis();
  const store = new RedisStore(redisSrv.url, {}, 'push-drain:');
  const recorder = new SimRecorder(COUNT * 3 + 1000);
  const fake = await startFakeWechatServer({ appId: BENCH_ACCOUNT.appId, appSecret: BENCH_ACCOUNT.appSecret, recorder });
  const dbUrl = await createPostgresDatabaseUrl();
  const database = await openDatabase({ url: dbUrl.url, dataDir: 'memory://' });
  const workers: OutboxWorkerHandle[] = [];
  try {
    await database.migrate();
    const db = database.db;
    await seedCommunities(db);
    const now = () => new Date();

    log(`seeding ${COUNT} subscribers of ${COMMUNITY}`);
    const openids = Array.from({ length: COUNT }, (_, i) => `oPush${String(i).padStart(23, '0')}`);
    for (let i = 0; i < openids.length; i += 1000) {
      const chunk = openids.slice(i, i + 1000);
      await db.insert(residents).values(chunk.map((openid) => ({ openid, communityId: COMMUNITY, following: true })));
      await db.insert(communitySubscriptions).values(chunk.map((openid) => ({ communityId: COMMUNITY, openid })));
    }
    const author = 'oPushAuthor0000000000000000000';
    await ensureResident(db, author, now());
    const p = await submitProposal(
      db,
      { openid: author, sourceKey: `bench:${Date.now()}`, communityId: COMMUNITY, title: '中山南街加装休闲座椅', description: '老人散步走累了没地方坐，希望在中山南街加装几张休闲座椅。', projectType: '货物类', beneficiaries: '沿街居民和老人', photos: [] },
      { now: now() },
    );
    await transition(db, { caseId: p.caseId, to: 'reviewing', actor: staff }, { now: now() });
    await transition(db, { caseId: p.caseId, to: 'approved', actor: staff, data: { approvedCost: 1_200_000, batch: '2026年第一批' } }, { now: now() });
    // pushes of the earlier moves (to the author) are not part of the measurement
    await db.delete(outbox);

    const day = 86_400_000;
    const publicise = () =>
      transition(
        db,
        { caseId: p.caseId, to: 'publicised', actor: staff, publicNote: '公示期内如有意见请回复“人工”', data: { publicityStart: new Date(Date.now()), publicityEnd: new Date(Date.now() + 7 * day) } },
        { now: now() },
      );
    let via = 'transition';
    let knownBug: string | undefined;
    try {
      await publicise();
    } catch (e) {
      // KNOWN BUG (src/civic/outbox.ts insertRows): one multi-row INSERT with 8 parameters a row, so
      // more than 8,191 subscribers exceed PostgreSQL's 65,534 parameters and the whole 公示
      // transition fails. Queue the same rows (same key, kind and payload) in chunks instead.
      const code = (e as { cause?: { code?: string }; code?: string }).cause?.code ?? (e as { code?: string }).code;
      if (code !== 'MAX_PARAMETERS_EXCEEDED') throw e;
      knownBug = `publicising to ${COUNT} community subscribers fails: ${code} (src/civic/outbox.ts insertRows, one INSERT of 8 parameters per subscriber; limit 8,191)`;
      log(`KNOWN BUG: ${knownBug}; queueing the same pushes in chunks of 1,000 instead`);
      via = 'chunked insert (bug workaround)';
      const subs = await db.select().from(communitySubscriptions);
      await db.delete(communitySubscriptions);
      const r = await publicise();
      await db.insert(communitySubscriptions).values(subs.slice(0, 1000));
      for (let i = 1000; i < subs.length; i += 1000) await db.insert(communitySubscriptions).values(subs.slice(i, i + 1000));
      const [row] = await db.select().from(cases).where(eq(cases.id, p.caseId));
      const payload = casePayload(row!, 'publicity', now(), { fromStatus: 'approved', fromStatusLabel: '已确定', publicNote: '公示期内如有意见请回复“人工”' });
      for (let i = 0; i < openids.length; i += 1000) {
        await db.insert(outbox).values(
          openids.slice(i, i + 1000).map((openid) => ({
            openid,
            caseId: p.caseId,
            eventId: r.eventId,
            kind: 'publicity_notice',
            payload: payload as unknown as Record<string, unknown>,
            idempotencyKey: `publicity:${r.eventId}:${openid}`,
            nextAttemptAt: now(),
            createdAt: now(),
          })),
        );
      }
    }
    const [{ n: queued } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(sql`kind = 'publicity_notice'`);
    const eta = settings.ratePerSecond > 0 ? Math.ceil(queued / settings.ratePerSecond) : 0;
    log(`queued ${queued} publicity pushes (via ${via}); draining with ${WORKERS} worker(s) at ${settings.ratePerSecond || '∞'}/s${eta ? `, about ${eta} s` : ''}`);

    const t0 = Date.now();
    for (let w = 0; w < WORKERS; w++) {
      const api = createWechatApi({ apiBase: fake.url, appId: BENCH_ACCOUNT.appId, appSecret: BENCH_ACCOUNT.appSecret, store });
      workers.push(startOutboxWorker({ db, api, store, publicUrl: 'https://wx.example.gov.cn', templates, settings: { ...settings, pollMs: 200 } }));
    }
    const cap = t0 + Math.max(120, eta * 2 + 60) * 1000;
    let lastLog = 0;
    for (;;) {
      const delivered = recorder.delivered({ api: 'message/template/send' }).length;
      if (delivered >= queued + 1 || Date.now() > cap) break;
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(`  ${delivered}/${queued} delivered after ${Math.round((Date.now() - t0) / 1000)} s`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    // rows still in hand finish; then the outbox is read back
    await Promise.all(workers.map((w) => w.stop()));
    workers.length = 0;
    const elapsedS = (Date.now() - t0) / 1000;

    const subscribers = new Set(openids);
    const all = recorder.list({ api: 'message/template/send' });
    const sends = all.filter((r) => subscribers.has(r.openid ?? ''));
    const delivered = sends.filter((r) => r.response.errcode === 0);
    const repeats = recorder.list({ api: 'message/template/send:duplicate' }).length;
    const perOpenid = new Map<string, number>();
    for (const r of delivered) perOpenid.set(r.openid!, (perOpenid.get(r.openid!) ?? 0) + 1);
    const twice = [...perOpenid.values()].filter((n) => n > 1).length;
    const missing = openids.filter((o) => !perOpenid.has(o)).length;
    const perSecond = new Map<number, number>();
    // the rate covers every send of the account (the author's status push too)
    for (const r of all) perSecond.set(Math.floor(r.at / 1000), (perSecond.get(Math.floor(r.at / 1000)) ?? 0) + 1);
    const secs = [...perSecond.keys()].sort((a, b) => a - b);
    // full seconds only (not the first and last partial ones)
    const full = secs.slice(1, -1).map((s) => perSecond.get(s)!);
    const maxPerSecond = Math.max(0, ...perSecond.values());
    const statuses = await db.select({ status: outbox.status, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.status);
    const result = {
      pushes: queued,
      queuedVia: via,
      ...(knownBug ? { knownBug } : {}),
      workers: WORKERS,
      ratePerSecond: settings.ratePerSecond,
      seconds: Math.round(elapsedS * 10) / 10,
      averagePerSecond: Math.round((delivered.length / elapsedS) * 10) / 10,
      maxPerClockSecond: maxPerSecond,
      medianPerFullSecond: full.length ? full.sort((a, b) => a - b)[Math.floor(full.length / 2)] : null,
      apiCalls: sends.length,
      delivered: delivered.length,
      deliveredTwice: twice,
      repeatsAbsorbedByClientMsgId: repeats,
      missing,
      outbox: Object.fromEntries(statuses.map((s) => [s.status, s.n])),
      rateHeld: settings.ratePerSecond <= 0 || maxPerSecond <= settings.ratePerSecond,
    };
    console.log(
      `\nPush drain: ${result.pushes} publicity pushes to one community's subscribers, ${WORKERS} worker(s), rate ${settings.ratePerSecond || 'unlimited'}/s\n` +
        `  time ${result.seconds} s, average ${result.averagePerSecond}/s, max in one clock second ${result.maxPerClockSecond}, median per full second ${result.medianPerFullSecond}\n` +
        `  delivered ${result.delivered} (API calls ${result.apiCalls}), missing ${missing}, delivered twice ${twice}, repeats absorbed by client_msg_id ${repeats}\n` +
        `  outbox ${JSON.stringify(result.outbox)}; rate held: ${result.rateHeld ? 'yes' : 'NO'}; all delivered once: ${missing === 0 && twice === 0 ? 'yes' : 'NO'}` +
        (knownBug ? `\n  KNOWN BUG: ${knownBug}; the pushes were queued ${via}` : ''),
    );
    const dir = path.join(ROOT, 'bench/results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `push-drain-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ ...result, perSecond: secs.map((s) => [s, perSecond.get(s)]) }, null, 2));
    console.log(`results: ${path.relative(ROOT, file)}`);
    if (missing || twice || !result.rateHeld) process.exitCode = 1;
  } finally {
    for (const w of workers) await w.stop().catch(() => {});
    await store.close();
    await database.close();
    await dbUrl.drop();
    await fake.close();
    await redisSrv.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
