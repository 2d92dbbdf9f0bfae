import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition } from '../../src/civic/lifecycle/transition.js';
import type { Database } from '../../src/db/client.js';
import { caseMedia } from '../../src/db/schema.js';
import { ctxAt, openSeeded, report, staff } from '../civic/fixtures.js';
import { days, NOW, sectionOf, seedShowcase, setPhotosState, startPages, storePhoto, type PagesServer, type Showcase } from './fixtures.js';

/** two PNGs show the same picture (the served copy is re-encoded without metadata, never altered) */
const samePixels = async (a: Buffer, b: Buffer) => (await sharp(a).raw().toBuffer()).equals(await sharp(b).raw().toBuffer());

describe('public case page', () => {
  let database: Database;
  let mediaDir: string;
  let s: Showcase;
  let srv: PagesServer;
  const photoIds = async (caseId: number) =>
    (await database.db.select({ id: caseMedia.id }).from(caseMedia).where(eq(caseMedia.caseId, caseId)).orderBy(caseMedia.id)).map((r) => r.id);

  beforeAll(async () => {
    database = await openSeeded();
    mediaDir = mkdtempSync(path.join(tmpdir(), 'msw-public-'));
    s = await seedShowcase(database.db, mediaDir);
    // staff looked at the report's photos and showed them (the review itself: below and tests/console/photo-moderation.test.ts)
    await setPhotosState(database.db, s.report, 'shown');
    srv = await startPages({ db: database.db, mediaDir, now: () => NOW });
  });
  afterAll(async () => {
    await srv.close();
    await database.close();
    rmSync(mediaDir, { recursive: true, force: true });
  });

  it('a report: stage, facts, overdue marker, photos and the whole public timeline, newest first', async () => {
    const r = await srv.get(`/c/${s.report}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.text).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(r.text).toContain(`<link rel="canonical" href="https://msw.example.cn/c/${s.report}">`);
    expect(r.text).toContain('当前状态：处理中');
    // reached steps are ticked, the current one is marked, later ones are not
    expect(r.text).toMatch(/<li class="done">已提交<\/li><li class="done">已受理<\/li><li class="done now" aria-current="step">处理中<b>当前<\/b><\/li><li class="todo">已办结<\/li><li class="todo">已评价<\/li>/);
    expect(r.text).toContain('已超过预计办结日期（3月5日），正在督办。');
    const facts = sectionOf(r.text, '基本信息');
    for (const f of ['路灯照明', '南头城社区（南头街道）', '中山南街 12 号门口', '<dt>提交日期</dt><dd>3月2日</dd>', '<dt>预计办结</dt><dd>3月5日</dd>'])
      expect(facts).toContain(f);
    const ids = await photoIds(s.report);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(r.text).toContain(`<img src="/c/${s.report}/photos/${id}" alt="居民上传的照片`);
    expect(r.text).toContain('照片（2 张）');
    const line = sectionOf(r.text, '办理记录');
    const order = ['灯头已订货', '维修人员已到现场查看', '已派单给城管办', '居民提交'].map((x) => line.indexOf(x));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(line).toContain('3月2日 10:00');
    expect(r.text).toContain(`<a href="/community/nantoucheng">`);
  });

  it('a project: budget, batch, publicity dates, milestones with a progress bar', async () => {
    const r = await srv.get(`/c/${s.projects.implementing}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('当前状态：实施中');
    const money = sectionOf(r.text, '项目经费');
    for (const f of ['<dd>16万元</dd>', '<dd>15万元</dd>', '<dd>未结算</dd>', '<dd>2026年第一批</dd>', '<dd>3月2日 至 3月8日</dd>'])
      expect(money).toContain(f);
    const progress = sectionOf(r.text, '实施进度');
    expect(progress).toContain('<progress value="60" max="100">60%</progress>');
    expect(progress.indexOf('钢架安装完成')).toBeLessThan(progress.indexOf('材料进场'));
    expect(r.text).toContain('工作人员上传的照片 1');
    expect(r.text).not.toContain('居民评议');
  });

  it('a completed project shows what was spent and the residents’ rating', async () => {
    const r = await srv.get(`/c/${s.projects.completed}`);
    expect(r.text).toContain('<dd>19.5万元</dd>');
    expect(r.text).toContain('<dt>完成日期</dt><dd>3月10日</dd>');
    expect(sectionOf(r.text, '居民评议')).toContain('平均 <strong>4.7</strong> 分（满分 5 分），共 3 位居民评议');
    expect(r.text).toContain('已验收合格');
  });

  it('off the main path: declined with its reason, reserve, a merged report pointing at its twin', async () => {
    const declined = await srv.get(`/c/${s.projects.declined}`);
    expect(declined.text).toContain('<p class="notice">不予采纳：超出微实事资金上限，已转交区有关部门研究</p>');
    expect(declined.text).not.toContain('aria-current');
    expect((await srv.get(`/c/${s.projects.reserve}`)).text).toContain('已放入备选项目库');
    const twin = await report(database.db, { openid: 'o-twin' }, days(1));
    await transition(database.db, { caseId: twin, to: 'duplicate', actor: staff, data: { duplicateOf: s.report } }, ctxAt(days(1.5)));
    const merged = await srv.get(`/c/${twin}`);
    expect(merged.text).toContain(`<a href="/c/${s.report}">编号 ${s.report}</a> 是同一个问题`);
  });

  it('headers: short public cache and a strict CSP that allows exactly the inline stylesheet', async () => {
    const r = await srv.get(`/c/${s.report}`);
    expect(r.headers.get('cache-control')).toBe('public, max-age=60');
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("img-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('script-src');
    const style = /<style>([\s\S]*?)<\/style>/.exec(r.text)![1]!;
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(r.text.match(/<style>/g)).toHaveLength(1);
    expect(r.text).not.toMatch(/<script|<link rel="stylesheet"|style="|https?:\/\/(?!msw\.example\.cn)/);
  });

  it('404 in zh-CN for an unknown number, 400 for a non-numeric one', async () => {
    const unknown = await srv.get('/c/99999');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(unknown.text).toContain('没有找到编号为 99999 的事项');
    expect(unknown.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(unknown.headers.get('cache-control')).toBe('no-store');
    expect((await srv.get('/c/99999999999')).status).toBe(404); // beyond the id column: still a 404, not a 500
    expect((await srv.get('/c/0')).status).toBe(404);
    for (const bad of ['/c/abc', '/c/12abc', '/c/-1', '/c/1.5', '/c/%3Cscript%3E']) {
      const r = await srv.get(bad);
      expect(r.status, bad).toBe(400);
      expect(r.text).toContain('事项编号应当是数字');
      expect(r.text).not.toContain('<script>');
    }
  });

  it("a resident's photos wait for review: off the page and 404 like an unknown photo until shown, 404 again once hidden", async () => {
    const id = await report(database.db, { openid: 'o-review', photos: [storePhoto(mediaDir, 'face', 4), storePhoto(mediaDir, 'plate', 5)] }, days(1));
    const [face, plate] = await photoIds(id);
    const unknown = await srv.get(`/c/${id}/photos/999999`);
    const pending = async () => {
      const page = await srv.get(`/c/${id}`);
      expect(page.status).toBe(200);
      expect(page.text).not.toContain('/photos/');
      expect(page.text).not.toMatch(/照片（\d+ 张）/);
      expect(page.text).toContain('居民发送的照片经工作人员审核后在此公开。');
      for (const m of [face, plate]) {
        const r = await srv.get(`/c/${id}/photos/${m}`);
        // the same answer as for a photo that never existed: nothing tells it is there
        expect(r.status).toBe(404);
        expect(r.text).toBe(unknown.text);
        expect(r.headers.get('cache-control')).toBe(unknown.headers.get('cache-control'));
        expect(r.headers.get('etag')).toBeNull();
      }
    };
    await pending();

    // 公开 one of them: the page counts and shows only that one
    await database.db.update(caseMedia).set({ publicState: 'shown' }).where(eq(caseMedia.id, face!));
    const shown = await srv.get(`/c/${id}`);
    expect(shown.text).toContain('照片（1 张）');
    expect(shown.text).toContain(`<img src="/c/${id}/photos/${face}" alt="居民上传的照片 1"`);
    expect(shown.text).not.toContain(`/photos/${plate}"`);
    const img = await srv.get(`/c/${id}/photos/${face}`);
    expect(img.status).toBe(200);
    expect(await samePixels(img.bytes, readFileSync(path.join(mediaDir, '2026/03/face.png')))).toBe(true);
    // browsers and proxies ask again on every view, so hiding it later takes effect at once
    expect(img.headers.get('cache-control')).toBe('public, no-cache');
    expect((await srv.get(`/c/${id}/photos/${plate}`)).status).toBe(404);

    // 隐藏: back to a 404, even for a browser that kept its ETag
    await setPhotosState(database.db, id, 'hidden');
    expect((await srv.get(`/c/${id}/photos/${face}`, { 'if-none-match': img.headers.get('etag')!, 'cache-control': 'max-age=0' })).status).toBe(404);
    await pending();
  });

  it('photos: streamed from MEDIA_DIR, only through the case they belong to', async () => {
    const [first] = await photoIds(s.report);
    const r = await srv.get(`/c/${s.report}/photos/${first}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    // the public copy (no metadata, tests/public/photo-exif.test.ts): the same picture, pixel for pixel
    expect(await samePixels(r.bytes, readFileSync(path.join(mediaDir, '2026/03/r1.png')))).toBe(true);
    expect(r.headers.get('content-security-policy')).toContain('sandbox');
    // (an explicit cache-control: fetch would otherwise add no-cache, which forbids a 304)
    const again = await srv.get(`/c/${s.report}/photos/${first}`, { 'if-none-match': r.headers.get('etag')!, 'cache-control': 'max-age=0' });
    expect(again.status).toBe(304);
    // the same media id under another case number, an unknown id, a bad id
    expect((await srv.get(`/c/${s.projects.implementing}/photos/${first}`)).status).toBe(404);
    expect((await srv.get(`/c/${s.report}/photos/999999`)).status).toBe(404);
    expect((await srv.get(`/c/${s.report}/photos/..%2F..%2Fetc%2Fpasswd`)).status).toBe(400);
  });

  it('photos: a stored path outside MEDIA_DIR or a non-image type is never served', async () => {
    const outside = path.join(path.dirname(mediaDir), `outside-${path.basename(mediaDir)}.png`);
    writeFileSync(outside, 'SECRET-OUTSIDE');
    try {
      const rows = await database.db
        .insert(caseMedia)
        .values([
          // shown, so that only the path and type checks stand between them and the public
          { caseId: s.report, path: `../${path.basename(outside)}`, contentType: 'image/png', sha256: 'a'.repeat(64), bytes: 14, source: 'resident', publicState: 'shown' },
          { caseId: s.report, path: '2026/03/r1.png', contentType: 'text/html', sha256: 'b'.repeat(64), bytes: 14, source: 'resident', publicState: 'shown' },
          { caseId: s.report, path: '2026/03/missing.png', contentType: 'image/png', sha256: 'c'.repeat(64), bytes: 14, source: 'resident', publicState: 'shown' },
        ])
        .returning({ id: caseMedia.id });
      for (const { id } of rows) {
        const r = await srv.get(`/c/${s.report}/photos/${id}`);
        expect(r.status).toBe(404);
        expect(r.text).not.toContain('SECRET-OUTSIDE');
      }
      // the page never links a non-image row
      expect((await srv.get(`/c/${s.report}`)).text).not.toContain(`/photos/${rows[1]!.id}"`);
    } finally {
      rmSync(outside, { force: true });
      await database.db.delete(caseMedia).where(eq(caseMedia.bytes, 14));
    }
  });

  it('without a media directory no photo is linked or served', async () => {
    const bare = await startPages({ db: database.db, now: () => NOW });
    try {
      const page = await bare.get(`/c/${s.report}`);
      expect(page.text).not.toContain('/photos/');
      const [first] = await photoIds(s.report);
      expect((await bare.get(`/c/${s.report}/photos/${first}`)).status).toBe(404);
    } finally {
      await bare.close();
    }
  });
});
