import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseMedia } from '../../src/db/schema.js';
import { diskMediaPaths } from '../../src/media/import-disk-media.js';
import type { Service } from '../../src/service.js';
import { resident } from '../helpers/chat.js';
import { cloneTemplate } from '../helpers/pg-template.js';
import { startTestService } from '../helpers/service.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Issue 17, item 2: two web instances behind a load balancer, each with a MEDIA_DIR of its own, on
 * one PostgreSQL. A resident's photo delivered through one (downloaded from the WeChat API, here the
 * simulator's) is served by the other, byte for byte, on the console and the public page.
 */
describe('media every instance can read', () => {
  let db: Awaited<ReturnType<typeof cloneTemplate>>;
  let a: Service;
  let b: Service;
  beforeAll(async () => {
    db = await cloneTemplate();
    a = await startTestService({ DATABASE_URL: db.url });
    b = await startTestService({ DATABASE_URL: db.url });
  }, 60_000);
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await db?.drop();
  });

  const get = async (svc: Service, p: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${svc.url}${p}`, { headers });
    return { status: res.status, type: res.headers.get('content-type'), etag: res.headers.get('etag'), bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const login = async (svc: Service, user: { username: string; password: string }) => {
    const res = await fetch(`${svc.url}/api/console/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
    expect(res.status).toBe(200);
    return { cookie: res.headers.get('set-cookie')!.split(';')[0]! };
  };

  it('a photo delivered through instance A is served by instance B, whose MEDIA_DIR never saw it', async () => {
    expect(a.config.mediaDir).not.toBe(b.config.mediaDir);
    const r = resident(a, 'oSharedMedia1');
    await r.follow('community_nantoucheng');
    for (const t of ['报修', '1', '3栋门口的路灯晚上不亮好几天了']) await r.say(t);
    await r.at(22.5437, 113.9305, '南头古城3栋');
    expect(await r.photo()).toContain('已收到第 1 张照片');
    await r.say('好了');
    await r.say('13812345678');
    const filed = await r.say('1');
    const caseId = Number(/#(\d+)/.exec(filed)?.[1]);
    expect(caseId).toBeGreaterThan(0);
    const [photo] = await b.database.db.select().from(caseMedia).where(eq(caseMedia.caseId, caseId));
    expect(photo).toMatchObject({ source: 'resident', contentType: expect.stringMatching(/^image\//) });

    // staff on B see the photo as it arrived through A: the bytes whose hash the row recorded
    const admin = a.localAdmin ?? b.localAdmin;
    const staffPath = `/api/console/cases/${caseId}/photos/${photo!.id}`;
    const onB = await get(b, staffPath, await login(b, admin!));
    expect(onB.status).toBe(200);
    expect(onB.bytes.length).toBe(photo!.bytes);
    expect(sha(onB.bytes)).toBe(photo!.sha256);
    const onA = await get(a, staffPath, await login(a, admin!));
    expect(onA.bytes.equals(onB.bytes)).toBe(true);

    // once shown, the public page of either instance serves one public copy, made once for both
    await b.database.db.update(caseMedia).set({ publicState: 'shown' }).where(eq(caseMedia.id, photo!.id));
    const publicPath = `/c/${caseId}/photos/${photo!.id}`;
    const pb = await get(b, publicPath);
    expect(pb.status).toBe(200);
    expect(pb.type).toBe(photo!.contentType);
    const pa = await get(a, publicPath);
    expect(pa.status).toBe(200);
    expect(pa.bytes.equals(pb.bytes)).toBe(true);
    // a revalidation is answered without the bytes
    // (an explicit cache-control: fetch would otherwise add no-cache, which forbids a 304)
    expect((await get(a, publicPath, { 'if-none-match': pb.etag!, 'cache-control': 'max-age=0' })).status).toBe(304);

    // neither MEDIA_DIR holds a file: the photo and its public copy are in PostgreSQL
    expect(await diskMediaPaths(a.config.mediaDir)).toEqual([]);
    expect(await diskMediaPaths(b.config.mediaDir)).toEqual([]);
  }, 60_000);
});
