import type Router from '@koa/router';
import type Koa from 'koa';
import { AppError } from '../../errors.js';
import { servePhoto } from '../../public/photo-route.js';
import { writeAudit } from '../audit.js';
import { allow } from '../auth/access.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { caseDetail } from '../cases/detail.js';
import { caseWhere, countCases, selectCases, type CaseFilter } from '../cases/query.js';
import { caseInScope } from '../cases/scope.js';
import { toSummary } from '../cases/summary.js';
import { caseListQuerySchema, routes } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { casesCsv } from '../export/csv.js';
import { casesXlsx } from '../export/xlsx.js';
import { pathId, readQuery, sendJson } from '../http.js';

export const EXPORT_MAX_ROWS = 10_000;

/** GET /cases, /cases/export.csv, /cases/export.xlsx, /cases/:id, /cases/:id/photos/:mediaId */
export function mountCaseRoutes(router: Router, deps: ConsoleDeps): void {
  const { db } = deps;

  router.get(routes.caseList.path, async (ctx) => {
    const me = allow(ctx, routes.caseList);
    const q = readQuery(ctx, caseListQuerySchema);
    const now = deps.now();
    const where = caseWhere(me, q, now);
    const rows = await selectCases(db, where, { sort: q.sort, order: q.order, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    sendJson(ctx, {
      items: rows.map((r) => toSummary(r, now, deps.config)),
      total: await countCases(db, where),
      page: q.page,
      pageSize: q.pageSize,
    });
  });

  /** the filtered cases of an export, in the user's scope; too many is 400 rather than a cut list */
  async function exportRows(me: StaffPrincipal, q: CaseFilter) {
    const now = deps.now();
    const where = caseWhere(me, q, now);
    if ((await countCases(db, where)) > EXPORT_MAX_ROWS)
      throw new AppError('bad_request', `导出不能超过 ${EXPORT_MAX_ROWS} 条，请缩小筛选范围`, { reason: 'export_too_large' });
    const rows = await selectCases(db, where, { sort: q.sort ?? 'id', order: q.order ?? 'asc', limit: EXPORT_MAX_ROWS });
    await writeAudit(db, { staffId: me.id, action: 'case.export', target: 'cases', after: { filter: q, rows: rows.length }, at: now });
    return rows.map((row) => ({ row, summary: toSummary(row, now, deps.config) }));
  }

  const attachment = (ctx: Koa.Context, ext: string) => {
    const name = `事项导出-${deps.now().toISOString().slice(0, 10)}.${ext}`;
    ctx.set('Content-Disposition', `attachment; filename="cases.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  };

  router.get(routes.caseExportCsv.path, async (ctx) => {
    const me = allow(ctx, routes.caseExportCsv);
    const q = readQuery(ctx, caseListQuerySchema);
    const csv = casesCsv(await exportRows(me, q));
    ctx.type = 'text/csv; charset=utf-8';
    attachment(ctx, 'csv');
    ctx.body = csv;
  });

  router.get(routes.caseExportXlsx.path, async (ctx) => {
    const me = allow(ctx, routes.caseExportXlsx);
    const q = readQuery(ctx, caseListQuerySchema);
    const file = await casesXlsx(await exportRows(me, q), deps.now());
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    attachment(ctx, 'xlsx');
    ctx.body = file;
  });

  router.get(routes.caseDetail.path, async (ctx) => {
    const me = allow(ctx, routes.caseDetail);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    sendJson(ctx, await caseDetail(deps, me, row));
  });

  router.get(routes.casePhoto.path, async (ctx) => {
    const me = allow(ctx, routes.casePhoto);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const mediaId = pathId(ctx.params.mediaId, '照片');
    // staff see every photo, whatever its public state (they decide it)
    if (!(await servePhoto(ctx, { db, media: deps.media, caseId: row.id, mediaId, anyState: true })))
      throw new AppError('not_found', '没有这张照片', { reason: 'unknown_photo' });
    // staff photos may show residents: kept out of shared caches
    ctx.set('Cache-Control', 'private, max-age=300');
  });
}
