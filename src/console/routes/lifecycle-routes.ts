import type Router from '@koa/router';
import { allow } from '../auth/access.js';
import { routes } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { sendJson } from '../http.js';
import { lifecyclesAnswer } from '../lifecycles.js';

/** GET /lifecycles: statuses, labels and moves of both kinds, for every staff role */
export function mountLifecycleRoutes(router: Router, _deps: ConsoleDeps): void {
  // the tables are code: the answer is the same for the life of the process
  const answer = lifecyclesAnswer();
  router.get(routes.lifecycles.path, (ctx) => {
    allow(ctx, routes.lifecycles);
    sendJson(ctx, answer);
  });
}
