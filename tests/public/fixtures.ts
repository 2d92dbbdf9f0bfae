import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import Koa from 'koa';
import { recordAcceptance } from '../../src/civic/delivery/acceptance.js';
import { recordProjectRating } from '../../src/civic/evaluation.js';
import { addMilestone } from '../../src/civic/lifecycle/milestones.js';
import { addNote } from '../../src/civic/lifecycle/notes.js';
import { transition } from '../../src/civic/lifecycle/transition.js';
import type { PhotoInput } from '../../src/civic/media.js';
import type { Db } from '../../src/db/client.js';
import { caseMedia, cases } from '../../src/db/schema.js';
import { requestContext } from '../../src/http/error-middleware.js';
import { silentLogger } from '../../src/log.js';
import { diskMediaStore } from '../../src/media/disk-media-store.js';
import { createPublicPages, type PublicPagesOptions } from '../../src/public/index.js';
import { samplePhoto } from '../../src/simulator/sample-image.js';
import { ctxAt, days, proposal, report, staff } from '../civic/fixtures.js';

export { days, T0 } from '../civic/fixtures.js';

/** the pages' clock in these tests: 14 March 2026, twelve days after T0 */
export const NOW = days(12);

/** writes a real PNG under mediaDir and returns the photo input that refers to it */
export function storePhoto(mediaDir: string, name: string, seed: number): PhotoInput {
  const bytes = samplePhoto(seed, 320, 240);
  const rel = `2026/03/${name}.png`;
  mkdirSync(path.join(mediaDir, '2026/03'), { recursive: true });
  writeFileSync(path.join(mediaDir, rel), bytes);
  return { path: rel, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, contentType: 'image/png' };
}

/** what a staff member's 公开文字 in the console does (tests/public/public-text-set.test.ts covers the route): the report's words as approved */
export async function approvePublicText(db: Db, caseId: number, publicText: string, at = NOW): Promise<void> {
  await db.update(cases).set({ publicText, publicTextAt: at }).where(eq(cases.id, caseId));
}

/** what a staff member's 公开 / 隐藏 in the console does to every photo of a case (tests/console covers the route) */
export async function setPhotosState(db: Db, caseId: number, publicState: 'pending' | 'shown' | 'hidden'): Promise<void> {
  await db.update(caseMedia).set({ publicState }).where(eq(caseMedia.caseId, caseId));
}

export interface Showcase {
  report: number;
  projects: Record<'collected' | 'reviewing' | 'approved' | 'publicised' | 'implementing' | 'completed' | 'declined' | 'reserve', number>;
}

const step = (db: Db, caseId: number, to: string, at: number, more: { publicNote?: string; internalNote?: string; data?: Record<string, unknown> } = {}) =>
  transition(db, { caseId, to, actor: staff, ...more }, ctxAt(days(at)));

/**
 * A realistic set: one report with photos and notes in 南头城, projects in every stage in 沙白石村.
 * The report's photos are the resident's, still waiting for review (not on the public page).
 */
export async function seedShowcase(db: Db, mediaDir: string): Promise<Showcase> {
  const r = await report(db, {
    openid: 'o-showcase-author',
    phone: '13912345678',
    description: '中山南街12号门口的路灯坏了一个多星期，晚上老人出门看不清台阶，很危险。',
    location: { lat: 22.5431, lng: 113.9236, label: '中山南街 12 号门口' },
    photos: [storePhoto(mediaDir, 'r1', 1), storePhoto(mediaDir, 'r2', 2)],
  });
  // nothing private in it: staff approved it as the resident wrote it
  await approvePublicText(db, r, '中山南街12号门口的路灯坏了一个多星期，晚上老人出门看不清台阶，很危险。', days(0.1));
  await step(db, r, 'accepted', 0.1, { publicNote: '已派单给城管办，请耐心等待', internalNote: 'INTERNAL-王五电话', data: { assignee: '城管办-王五' } });
  await step(db, r, 'in_progress', 1, { publicNote: '维修人员已到现场查看，需要更换灯头' });
  await addNote(db, { caseId: r, actor: staff, publicNote: '灯头已订货，预计 3 天内到货' }, ctxAt(days(2)));

  const p = (title: string, projectType: '工程类' | '服务类' | '货物类', estimatedCost: number, description: string) =>
    proposal(db, { openid: 'o-showcase-author', title, projectType, estimatedCost, description, communityId: 'shabaishi' });
  const collected = await p('老人饭堂送餐服务', '服务类', 80_000_00, '村里独居老人多，希望中午有人送饭上门。');
  const reviewing = await p('篮球场照明改造', '工程类', 120_000_00, '篮球场晚上没有灯，年轻人只能摸黑打球。');
  await step(db, reviewing, 'reviewing', 1);
  const approved = await p('四点半课堂', '服务类', 60_000_00, '放学后孩子没人看管，希望有老师辅导作业。');
  await step(db, approved, 'reviewing', 1);
  await step(db, approved, 'approved', 5, { publicNote: '居民议事会表决通过', data: { approvedCost: 58_000_00, batch: '2026年第一批' } });
  const publicised = await p('村巷加装照明灯', '工程类', 300_000_00, '村道小巷狭窄，夜里漆黑，希望加装 30 盏路灯。');
  await step(db, publicised, 'reviewing', 1);
  await step(db, publicised, 'approved', 5, { publicNote: '居民议事会表决通过', data: { approvedCost: 280_000_00, batch: '2026年第一批' } });
  await step(db, publicised, 'publicised', 10, { data: { publicityStart: days(10), publicityEnd: days(17) } });
  const implementing = await p('村口公交站加装雨棚', '工程类', 160_000_00, '村口公交站没有遮挡，下雨天等车的老人和学生全身淋湿。');
  // selected the day it was filed, so that its 7-day 公示 (config/publicity.yaml) has run before the works start on day 6
  await step(db, implementing, 'reviewing', 0.2);
  await step(db, implementing, 'approved', 0.3, { data: { approvedCost: 150_000_00, batch: '2026年第一批' } });
  await step(db, implementing, 'publicised', 0.4, { data: { publicityStart: days(0.4), publicityEnd: days(6) } });
  await step(db, implementing, 'implementing', 6, { publicNote: '公示期满无异议，开始施工' });
  await addMilestone(db, { caseId: implementing, actor: staff, date: days(6), note: '材料进场', percent: 30 }, ctxAt(days(6)));
  await addMilestone(
    db,
    { caseId: implementing, actor: staff, date: days(9), note: '钢架安装完成', percent: 60, photos: [storePhoto(mediaDir, 'm1', 3)] },
    ctxAt(days(9)),
  );
  const completed = await p('楼栋防盗门更换', '货物类', 220_000_00, '老旧楼栋的防盗门坏了，外人随便进出。');
  await step(db, completed, 'reviewing', 0.5);
  await step(db, completed, 'approved', 1, { data: { approvedCost: 200_000_00, batch: '2026年第一批' } });
  await step(db, completed, 'publicised', 1, { data: { publicityStart: days(1), publicityEnd: days(7) } });
  await step(db, completed, 'implementing', 7);
  await recordAcceptance(db, { caseId: completed, acceptedOn: '2026-03-01', acceptedBy: '街道城建办', result: 'passed', actor: staff }, ctxAt(days(8)));
  await step(db, completed, 'completed', 8, { publicNote: '已验收合格', data: { actualCost: 195_000_00 } });
  for (const [i, score] of [5, 4, 5].entries())
    await recordProjectRating(db, { caseId: completed, openid: `o-rater-${i}`, score, comment: `INTERNAL-评议意见${i}` }, ctxAt(days(9)));
  const declined = await p('修建地下停车场', '工程类', 5_000_000_00, '停车难，希望建地下停车场。');
  await step(db, declined, 'reviewing', 1);
  await step(db, declined, 'declined', 3, { publicNote: '超出微实事资金上限，已转交区有关部门研究' });
  const reserve = await p('村史馆布展', '服务类', 90_000_00, '把村里的老照片整理起来展出。');
  await step(db, reserve, 'reviewing', 1);
  await step(db, reserve, 'reserve', 3);
  return { report: r, projects: { collected, reviewing, approved, publicised, implementing, completed, declined, reserve } };
}

export interface PagesServer {
  url: string;
  get(p: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; text: string; bytes: Buffer }>;
  close(): Promise<void>;
}

/** a tiny app: the request context (as in src/app.ts) and the public pages, on a free port */
/** the public pages on a free port; `mediaDir` stands for a disk media store on that folder */
export async function startPages(opts: Omit<PublicPagesOptions, 'publicUrl'> & { publicUrl?: string; mediaDir?: string }): Promise<PagesServer> {
  const { mediaDir, ...rest } = opts;
  const app = new Koa();
  app.silent = true;
  app.use(requestContext(silentLogger));
  app.use(createPublicPages({ publicUrl: 'https://msw.example.cn', ...(mediaDir ? { media: diskMediaStore(mediaDir) } : {}), ...rest }));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get: async (p, headers = {}) => {
      const res = await fetch(url + p, { headers });
      const bytes = Buffer.from(await res.arrayBuffer());
      return { status: res.status, headers: res.headers, text: bytes.toString('utf8'), bytes };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** the <section> of a page whose heading starts with `title` (for checks scoped to one part) */
export function sectionOf(page: string, title: string): string {
  const found = page.split('<section').find((s) => new RegExp(`<h[12][^>]*>${title}`).test(s));
  if (!found) throw new Error(`no section titled ${title}`);
  return found;
}
