import type Router from '@koa/router';
import { allow } from '../auth/access.js';
import { answerObjectionAction, caseObjections } from '../cases/objections.js';
import { caseInScope } from '../cases/scope.js';
import { objectionAnswerBodySchema, routes } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { pathId, readBody, sendJson } from '../http.js';

/**
 * GET /cases/:id/objections and POST /cases/:id/objections/:objectionId/answer (公示异议). Scope is
 * checked before the body is read, and again inside the answer's transaction.
 */
export function mountObjectionRoutes(router: Router, deps: ConsoleDeps): void {
  const { db } = deps;

  router.get(routes.caseObjections.path, async (ctx) => {
    const me = allow(ctx, routes.caseObjections);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    sendJson(ctx, await caseObjections(db, row.id));
  });

  router.post(routes.caseObjectionAnswer.path, async (ctx) => {
    const me = allow(ctx, routes.caseObjectionAnswer);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const objectionId = pathId(ctx.params.objectionId, '异议');
    const body = await readBody(ctx, objectionAnswerBodySchema);
    sendJson(ctx, await answerObjectionAction(deps, me, row.id, objectionId, body));
  });
}
