import type Router from '@koa/router';
import { allow } from '../auth/access.js';
import { batchAddCasesAction, batchCreateAction, batchRemoveCaseAction, batchDetail, batchList, batchPublishAction } from '../budgets/batches.js';
import { envelopeList, envelopeSet } from '../budgets/envelopes.js';
import { batchBodySchema, batchCasesBodySchema, batchPublishBodySchema, batchListQuerySchema, envelopeBodySchema, envelopeListQuerySchema, routes } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { pathId, readBody, readQuery, sendJson } from '../http.js';

/**
 * 预算与批次: GET/POST /budgets/envelopes, GET/POST /budgets/batches, GET /budgets/batches/:id,
 * POST …/cases and …/publish. Scope: the street, checked inside each write's transaction (and each
 * proposal's own scope as every case write).
 */
export function mountBudgetRoutes(router: Router, deps: ConsoleDeps): void {
  router.get(routes.budgetEnvelopes.path, async (ctx) => {
    const me = allow(ctx, routes.budgetEnvelopes);
    sendJson(ctx, await envelopeList(deps, me, readQuery(ctx, envelopeListQuerySchema)));
  });

  router.post(routes.budgetEnvelopeSet.path, async (ctx) => {
    const me = allow(ctx, routes.budgetEnvelopeSet);
    sendJson(ctx, await envelopeSet(deps, me, await readBody(ctx, envelopeBodySchema)));
  });

  router.get(routes.batchList.path, async (ctx) => {
    const me = allow(ctx, routes.batchList);
    sendJson(ctx, await batchList(deps, me, readQuery(ctx, batchListQuerySchema)));
  });

  router.post(routes.batchCreate.path, async (ctx) => {
    const me = allow(ctx, routes.batchCreate);
    sendJson(ctx, await batchCreateAction(deps, me, await readBody(ctx, batchBodySchema)), 201);
  });

  router.get(routes.batchDetail.path, async (ctx) => {
    const me = allow(ctx, routes.batchDetail);
    sendJson(ctx, await batchDetail(deps, me, pathId(ctx.params.id, '批次')));
  });

  router.post(routes.batchAddCases.path, async (ctx) => {
    const me = allow(ctx, routes.batchAddCases);
    const id = pathId(ctx.params.id, '批次');
    const b = await readBody(ctx, batchCasesBodySchema);
    sendJson(ctx, await batchAddCasesAction(deps, me, id, b.caseIds));
  });

  router.delete(routes.batchRemoveCase.path, async (ctx) => {
    const me = allow(ctx, routes.batchRemoveCase);
    sendJson(ctx, await batchRemoveCaseAction(deps, me, pathId(ctx.params.id, '批次'), pathId(ctx.params.caseId, '事项')));
  });

  router.post(routes.batchPublish.path, async (ctx) => {
    const me = allow(ctx, routes.batchPublish);
    const id = pathId(ctx.params.id, '批次');
    const b = await readBody(ctx, batchPublishBodySchema);
    sendJson(ctx, await batchPublishAction(deps, me, id, b.publicityStart && b.publicityEnd ? { start: b.publicityStart, end: b.publicityEnd } : undefined));
  });
}
