import type Router from '@koa/router';
import type Koa from 'koa';
import { writeAudit } from '../audit.js';
import { allow } from '../auth/access.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { caseTheme, setCaseTheme } from '../cases/theme.js';
import { caseInScope } from '../cases/scope.js';
import { caseThemeBodySchema, figuresQuerySchema, routes, type FiguresQuery } from '../contract.js';
import { figuresTable } from '../dashboard/figures-table.js';
import type { ConsoleDeps } from '../deps.js';
import { figuresCsv, figuresXlsx } from '../export/figures-export.js';
import { pathId, readBody, readQuery, sendJson } from '../http.js';

/** GET/POST /cases/:id/theme (主题分类), GET /figures (报表) and its CSV and Excel files */
export function mountFiguresRoutes(router: Router, deps: ConsoleDeps): void {
  const { db } = deps;

  router.get(routes.caseTheme.path, async (ctx) => {
    const me = allow(ctx, routes.caseTheme);
    sendJson(ctx, caseTheme(await caseInScope(db, me, pathId(ctx.params.id, '事项'))));
  });

  router.post(routes.caseThemeSet.path, async (ctx) => {
    const me = allow(ctx, routes.caseThemeSet);
    // scope before the body: an out-of-scope user learns nothing from a validation message (checked again inside)
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const body = await readBody(ctx, caseThemeBodySchema);
    sendJson(ctx, await setCaseTheme(deps, me, row.id, body.theme));
  });

  router.get(routes.figures.path, async (ctx) => {
    const me = allow(ctx, routes.figures);
    sendJson(ctx, await figuresTable(deps, me, readQuery(ctx, figuresQuerySchema), deps.now()));
  });

  /** the table of an export, audited as the case export is */
  async function exported(me: StaffPrincipal, q: FiguresQuery) {
    const now = deps.now();
    const t = await figuresTable(deps, me, q, now);
    await writeAudit(db, { staffId: me.id, action: 'figures.export', target: 'figures', after: { filter: q, rows: t.rows.length }, at: now });
    return t;
  }
  const attachment = (ctx: Koa.Context, year: number, ext: string) => {
    const name = `报表-${year}.${ext}`;
    ctx.set('Content-Disposition', `attachment; filename="figures-${year}.${ext}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  };

  router.get(routes.figuresExportCsv.path, async (ctx) => {
    const me = allow(ctx, routes.figuresExportCsv);
    const t = await exported(me, readQuery(ctx, figuresQuerySchema));
    ctx.type = 'text/csv; charset=utf-8';
    attachment(ctx, t.year, 'csv');
    ctx.body = figuresCsv(t);
  });

  router.get(routes.figuresExportXlsx.path, async (ctx) => {
    const me = allow(ctx, routes.figuresExportXlsx);
    const t = await exported(me, readQuery(ctx, figuresQuerySchema));
    ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    attachment(ctx, t.year, 'xlsx');
    ctx.body = await figuresXlsx(t, deps.now());
  });
}
