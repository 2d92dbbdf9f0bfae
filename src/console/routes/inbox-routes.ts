import type Router from '@koa/router';
import { listResidentCases } from '../../civic/index.js';
import { allow } from '../auth/access.js';
import { assignBodySchema, noteBodySchema, notifyBodySchema, replyBodySchema, routes, type TicketDetail } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { pathId, readBody, readQuery, sendJson } from '../http.js';
import { inboxListQuerySchema } from '../contract.js';
import { assignTicket, claimTicket, noteTicket, resolveTicket } from '../inbox/actions.js';
import { loadCannedReplies } from '../inbox/canned.js';
import { notifyTicket, quotaOf, replyToTicket } from '../inbox/reply.js';
import { listTickets, ticketInScope, ticketView } from '../inbox/tickets.js';
import { ticketTranscript } from '../inbox/transcript.js';
import { mountInboxStream } from './inbox-stream.js';

/** the escalation inbox: list, stream, canned replies, detail, claim, assign, reply, notify, notes, resolve */
export function mountInboxRoutes(router: Router, deps: ConsoleDeps): void {
  const { db } = deps;
  const canned = loadCannedReplies(deps.config.cannedRepliesFile);

  router.get(routes.inboxList.path, async (ctx) => {
    const me = allow(ctx, routes.inboxList);
    const q = readQuery(ctx, inboxListQuerySchema);
    sendJson(ctx, await listTickets(db, me, q, deps.now()));
  });

  mountInboxStream(router, deps);

  router.get(routes.cannedReplies.path, async (ctx) => {
    allow(ctx, routes.cannedReplies);
    sendJson(ctx, { items: canned });
  });

  router.get(routes.inboxDetail.path, async (ctx) => {
    const me = allow(ctx, routes.inboxDetail);
    const t = await ticketInScope(db, me, pathId(ctx.params.id, '咨询'));
    const cases = await listResidentCases(db, t.openid, { limit: 20, ...(deps.config.categories ? { categories: deps.config.categories } : {}) });
    const detail: TicketDetail = {
      ticket: await ticketView(db, t.id, deps.now()),
      context: t.context,
      transcript: await ticketTranscript(db, t),
      residentCases: cases.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })).map(({ updatedAt: _u, ...c }) => c),
      quota: await quotaOf(deps, t.openid),
    };
    sendJson(ctx, detail);
  });

  router.post(routes.inboxClaim.path, async (ctx) => {
    const me = allow(ctx, routes.inboxClaim);
    const t = await ticketInScope(db, me, pathId(ctx.params.id, '咨询'));
    const changed = await claimTicket(deps, me, t);
    sendJson(ctx, { ticket: await ticketView(db, t.id, deps.now()), changed });
  });

  router.post(routes.inboxAssign.path, async (ctx) => {
    const me = allow(ctx, routes.inboxAssign);
    const t = await ticketInScope(db, me, pathId(ctx.params.id, '咨询'));
    const body = await readBody(ctx, assignBodySchema);
    const changed = await assignTicket(deps, me, t, body.assigneeId);
    sendJson(ctx, { ticket: await ticketView(db, t.id, deps.now()), changed });
  });

  router.post(routes.inboxReply.path, async (ctx) => {
    const me = allow(ctx, routes.inboxReply);
    const t = await ticketInScope(db, me, pathId(ctx.params.id, '咨询'));
    const body = await readBody(ctx, replyBodySchema);
    sendJson(ctx, await replyToTicket(deps, me, t, body.text));
  });

  router.post(routes.inboxNotify.path, async (ctx) => {
    const me = allow(ctx, routes.inboxNotify);
    const t = await ticketInScope(db, me, pathId(ctx.params.id, '咨询'));
    const body = await readBody(ctx, notifyBodySchema);
    sendJson(ctx, await notifyTicket(deps, me, t, body.text));
  });

  router.post(routes.inboxNote.path, async (ctx) => {
    const me = allow(ctx, routes.inboxNote);
    const t = await ticketInScope(db, me, pathId(ctx.params.id, '咨询'));
    const body = await readBody(ctx, noteBodySchema);
    sendJson(ctx, await noteTicket(deps, me, t, body.text), 201);
  });

  router.post(routes.inboxResolve.path, async (ctx) => {
    const me = allow(ctx, routes.inboxResolve);
    const t = await ticketInScope(db, me, pathId(ctx.params.id, '咨询'));
    const changed = await resolveTicket(deps, me, t);
    sendJson(ctx, { ticket: await ticketView(db, t.id, deps.now()), changed });
  });
}
