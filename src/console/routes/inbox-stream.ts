import type Router from '@koa/router';
import { openEventStream } from '../../http/sse.js';
import { allow, communityIdsInScope } from '../auth/access.js';
import { scopeOf } from '../auth/policy.js';
import type { ConsoleState } from '../auth/principal.js';
import { routes, type InboxEvent } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { subscribeInbox } from '../inbox/events.js';
import { consoleKeys } from '../keys.js';

/**
 * GET /inbox/stream: server-sent events (`event: inbox`, data = InboxEvent) of the tickets in the
 * user's scope, fed by the state store's pub/sub so a change on any instance reaches every open
 * console. Events carry ids and statuses only; the SPA refetches what it shows. The session is
 * checked every `recheckMs` (without renewing it); when it has ended the stream closes.
 */
export function mountInboxStream(router: Router, deps: ConsoleDeps, recheckMs = 30_000): void {
  router.get(routes.inboxStream.path, async (ctx) => {
    const me = allow(ctx, routes.inboxStream);
    const sid = (ctx.state as ConsoleState).session!.sid;
    const visible = await communityIdsInScope(deps.db, me);
    // a ticket with no community yet is triaged at the street office (access.ts scopeWhere)
    const street = scopeOf(me).kind === 'street';
    const sees = (e: InboxEvent) => !visible || (e.communityId === null ? street : visible.has(e.communityId));
    let unsubscribe: (() => Promise<void>) | undefined;
    let timer: NodeJS.Timeout | undefined;
    const stream = openEventStream(ctx, {
      onClose: () => {
        if (timer) clearInterval(timer);
        void unsubscribe?.().catch(() => {});
      },
    });
    unsubscribe = await subscribeInbox(deps.store, (e) => {
      if (sees(e)) stream.send('inbox', e);
    });
    if (stream.closed) await unsubscribe();
    stream.send('ready', { at: deps.now().toISOString() });
    timer = setInterval(() => {
      // a plain read: an open stream does not keep an idle session alive
      void deps.store
        .get(consoleKeys.session(sid))
        .then((s) => {
          if (s === null) stream.close();
        })
        .catch(() => {});
    }, recheckMs);
    timer.unref();
  });
}
