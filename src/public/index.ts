import Router from '@koa/router';
import type Koa from 'koa';
import {
  batchCases,
  caseCouncilDecisions,
  communityStats,
  findCommunity,
  getCasePublic,
  kindModule,
  listBatches,
  listCommunities,
  listObjections,
  listPublicised,
  milestonesOf,
  thirdPartyEvaluationsOf,
  sideActionStatuses,
  type CategoryCatalog,
  type Community,
} from '../civic/index.js';
import { claimRoutes } from './claim-routes.js';
import type { Db } from '../db/client.js';
import { isAppError } from '../errors.js';
import { chinaYear } from '../texts/format.js';
import { batchesPage } from './batches-page.js';
import { casePage } from './case-page.js';
import { communityPage } from './community-page.js';
import { errorPage, sendPage } from './layout.js';
import type { MediaStore } from '../media/media-store.js';
import { serveStoredFile } from '../media/serve-stored-file.js';
import { servePhoto } from './photo-route.js';
import { publicityPage } from './publicity-page.js';
import { deliveryView } from './delivery-view.js';
import { casePhotos, communityProjects, publicTimeline, wishWall } from './read.js';
import { PROJECT_GROUPS, WISH_GROUPS } from './stages.js';
import { wishWallPage } from './wish-wall.js';
import type { StateStore } from '../state/store.js';
import { fill, publicTexts } from './texts.js';

const E = publicTexts.errors;

/**
 * The public pages (三公开), server-rendered zh-CN HTML with no script:
 * GET /c/:number                     a case: stage, facts, money, progress, rating, photos, timeline
 * GET /c/:number/photos/:id          one shown photo of that case, from the media store
 * GET /community/:id                 a community's projects by stage and the year's figures
 * GET /community/:id/publicity       what the community publicises now, and how to object
 * GET /publicity                     the same for every community
 * GET /batches                      the published batches of approved projects (批次), the latest first
 * GET /wishes[?community=<id>]       心愿墙: wishes waiting for a claimer, claimed, come true
 * GET|POST /wishes/:number/claim     the claim form of a wish on the wall (claim-routes.ts)
 */
export interface PublicPagesOptions {
  db: Db;
  /** the service's public base URL (canonical links) */
  publicUrl: string;
  /** where case photos are stored (media/media-store-for.ts); without it no photo is shown or served */
  media?: MediaStore;
  now?: () => Date;
  categories?: CategoryCatalog;
  /** the shared state store: claims posted per address are counted there (absent: not limited) */
  store?: StateStore;
}

const MAX_CASE = 2_147_483_647;

/** a case number from the URL: 'bad' when not digits, 'none' when no case can have it */
function caseNumber(s: string): number | 'bad' | 'none' {
  if (!/^\d{1,12}$/.test(s)) return 'bad';
  const n = Number(s);
  return n >= 1 && n <= MAX_CASE ? n : 'none';
}

/** the types an evaluation report is stored as (the console's DOCUMENT_UPLOAD_TYPES) and the name it downloads under */
const REPORT_EXTENSIONS: Readonly<Record<string, string>> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

const notFound = (ctx: Koa.Context, message: string) => sendPage(ctx, 404, errorPage(E.notFoundTitle, message), false);
const badRequest = (ctx: Koa.Context, message: string) => sendPage(ctx, 400, errorPage(E.badRequestTitle, message), false);

export function createPublicPages(opts: PublicPagesOptions): Koa.Middleware {
  const { db, media } = opts;
  const now = opts.now ?? (() => new Date());
  const base = opts.publicUrl.replace(/\/+$/, '');
  const router = new Router();

  router.get('/c/:number', async (ctx) => {
    const n = caseNumber(ctx.params.number ?? '');
    if (n === 'bad') return badRequest(ctx, E.badCaseNumber);
    const missing = () => notFound(ctx, fill(E.caseNotFound, { number: ctx.params.number ?? '' }));
    if (n === 'none') return missing();
    let c;
    try {
      c = await getCasePublic(db, n, opts.categories ? { categories: opts.categories } : {});
    } catch (e) {
      if (isAppError(e) && e.code === 'not_found') return missing();
      throw e;
    }
    const delivers = sideActionStatuses(c.kind, 'delivery').length > 0;
    const [timeline, photos, objections, council, delivery, milestones] = await Promise.all([
      publicTimeline(db, n),
      media ? casePhotos(db, n) : null,
      sideActionStatuses(c.kind, 'objection').length ? listObjections(db, n) : undefined,
      kindModule(c.kind).council ? caseCouncilDecisions(db, n) : undefined,
      delivers ? deliveryView(db, n) : undefined,
      delivers ? milestonesOf(db, n) : undefined,
    ]);
    // a milestone's photos, as far as they are shown (a staff photo hidden later is not)
    const shown = new Set((photos ?? []).map((p) => p.id));
    const milestonePhotos = photos && milestones ? milestones.map((m) => m.photoIds.filter((id) => shown.has(id))) : undefined;
    sendPage(
      ctx,
      200,
      casePage({
        c,
        timeline,
        photos,
        now: now(),
        canonical: `${base}/c/${n}`,
        ...(objections ? { objections } : {}),
        ...(council ? { council } : {}),
        ...(delivery ? { delivery, surveyOpen: sideActionStatuses(c.kind, 'survey').includes(c.status) } : {}),
        ...(milestonePhotos ? { milestonePhotos } : {}),
      }),
    );
  });

  router.get('/c/:number/photos/:id', async (ctx) => {
    const n = caseNumber(ctx.params.number ?? '');
    const id = caseNumber(ctx.params.id ?? '');
    if (n === 'bad' || id === 'bad') return badRequest(ctx, E.badPhotoAddress);
    if (n === 'none' || id === 'none' || !media || !(await servePhoto(ctx, { db, media, caseId: n, mediaId: id })))
      return notFound(ctx, E.photoNotFound);
  });

  // 评估报告: the report of a third-party evaluation, a download (the stored path of its row only)
  router.get('/c/:number/evaluations/:id/report', async (ctx) => {
    const n = caseNumber(ctx.params.number ?? '');
    const id = caseNumber(ctx.params.id ?? '');
    if (n === 'bad' || id === 'bad') return badRequest(ctx, E.badPhotoAddress);
    const e = n === 'none' || id === 'none' || !media ? undefined : (await thirdPartyEvaluationsOf(db, n)).find((x) => x.id === id);
    const ext = e?.reportType ? REPORT_EXTENSIONS[e.reportType] : undefined;
    if (!media || !e?.reportPath || !e.reportType || !ext || !(await serveStoredFile(ctx, media, { path: e.reportPath, type: e.reportType, sha256: e.reportSha256 }, `evaluation-${e.caseId}-${e.id}.${ext}`)))
      return notFound(ctx, E.reportNotFound);
  });

  const community = async (ctx: Koa.Context, id: string): Promise<Community | undefined> => {
    const c = /^[a-z0-9][a-z0-9_-]{0,39}$/.test(id) ? await findCommunity(db, id) : undefined;
    if (!c) notFound(ctx, E.communityNotFound);
    return c;
  };

  router.get('/community/:id', async (ctx) => {
    const c = await community(ctx, ctx.params.id ?? '');
    if (!c) return;
    const at = now();
    const [stats, publicised, ...groups] = await Promise.all([
      communityStats(db, { communityId: c.id, year: chinaYear(at) }),
      listPublicised(db, c.id, at),
      ...PROJECT_GROUPS.map((g) => communityProjects(db, c.id, g.statuses)),
    ]);
    sendPage(
      ctx,
      200,
      communityPage({ community: c, stats, groups, publicised: publicised.length, now: at, canonical: `${base}/community/${c.id}` }),
    );
  });

  router.get('/community/:id/publicity', async (ctx) => {
    const c = await community(ctx, ctx.params.id ?? '');
    if (!c) return;
    const at = now();
    const projects = await listPublicised(db, c.id, at);
    const canonical = `${base}/community/${c.id}/publicity`;
    sendPage(ctx, 200, publicityPage({ community: c, sections: [{ community: c, projects }], now: at, canonical }));
  });

  router.get('/publicity', async (ctx) => {
    const at = now();
    const all = await listCommunities(db);
    const sections = [];
    for (const c of all) sections.push({ community: c, projects: await listPublicised(db, c.id, at) });
    sendPage(ctx, 200, publicityPage({ sections, now: at, canonical: `${base}/publicity` }));
  });

  router.get('/batches', async (ctx) => {
    const all = await listCommunities(db);
    const communities = new Map(all.map((c) => [c.id, c]));
    const streets = new Map(all.map((c) => [c.streetId, c.streetName]));
    const published = (await listBatches(db, { publishedOnly: true })).slice(0, 50);
    const batches = [];
    for (const batch of published) batches.push({ batch, streetName: streets.get(batch.streetId) ?? '', cases: await batchCases(db, batch.id) });
    sendPage(ctx, 200, batchesPage({ batches, communities, now: now(), canonical: `${base}/batches` }));
  });

  router.get('/wishes', async (ctx) => {
    const id = typeof ctx.query.community === 'string' ? ctx.query.community : undefined;
    const c = id === undefined ? undefined : await community(ctx, id);
    if (id !== undefined && !c) return;
    const groups = await Promise.all(WISH_GROUPS.map(async (g) => ({ key: g.key, wishes: await wishWall(db, g.statuses, c?.id) })));
    sendPage(ctx, 200, wishWallPage({ ...(c ? { community: c } : {}), groups, canonical: `${base}/wishes${c ? `?community=${c.id}` : ''}` }));
  });

  claimRoutes(router, { db, base, now, badRequest, notFound, ...(opts.store ? { store: opts.store } : {}) });

  return router.routes() as Koa.Middleware;
}
