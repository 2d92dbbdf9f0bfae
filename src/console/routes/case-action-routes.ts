import type Router from '@koa/router';
import { isAppError } from '../../errors.js';
import { fill } from '../../texts/text-spec.js';
import { allow } from '../auth/access.js';
import { assignCase, milestoneCase, noteCase, reassignCaseAction, runTransition, transferCaseAction } from '../cases/actions.js';
import { addCaseFunding, removeCaseFunding } from '../cases/funding.js';
import { setPhotoState } from '../cases/photo-moderation.js';
import { approvePublicText } from '../cases/public-text.js';
import { caseInScope } from '../cases/scope.js';
import { readUploadedImage, uploadStaffPhoto } from '../cases/staff-photo.js';
import { consoleTexts } from '../console-texts.js';
import {
  bulkTransitionBodySchema,
  caseAssignBodySchema,
  caseNoteBodySchema,
  fundingBodySchema,
  mergeBodySchema,
  milestoneBodySchema,
  photoStateBodySchema,
  publicTextBodySchema,
  routes,
  transferBodySchema,
  reassignBodySchema,
  transitionBodySchema,
} from '../contract.js';
import { parseQueryDate } from '../dates.js';
import type { ConsoleDeps } from '../deps.js';
import { pathId, readBody, sendJson } from '../http.js';

const transitionAnswer = (r: { caseId: number; from: string; to: string; statusLabel: string; eventId: number; queued: number }) => ({
  caseId: r.caseId,
  from: r.from,
  to: r.to,
  statusLabel: r.statusLabel,
  eventId: r.eventId,
  queued: r.queued,
});

/** a case of a bulk move that failed for a reason of the server's own (logged): said so, in words */
const BULK_FAILED = { status: 500, reason: 'internal', message: '系统出错，这件没有办理，请稍后再试' };

/**
 * POST /cases/:id/{transition,assign,merge,notes,milestones,transfer,reassign,funding,photos},
 * /cases/bulk-transition, DELETE /cases/:id/funding/:fundingId, PATCH /cases/:id/photos/:mediaId
 * and POST /cases/:id/public-text (公开文字)
 * (公开 / 隐藏 a photo on the public pages). Scope is checked before the body is read, so an
 * out-of-scope user learns nothing from a validation message, and again inside each write.
 */
export function mountCaseActionRoutes(router: Router, deps: ConsoleDeps): void {
  const { db } = deps;

  router.post(routes.caseBulkTransition.path, async (ctx) => {
    const me = allow(ctx, routes.caseBulkTransition);
    const body = await readBody(ctx, bulkTransitionBodySchema);
    const results = [];
    // one case at a time, each checked and moved in its own transaction, each reported
    for (const id of [...new Set(body.ids)]) {
      try {
        await caseInScope(db, me, id);
        const r = await runTransition(deps, me, id, { to: body.to, publicNote: body.publicNote, internalNote: body.internalNote, data: body.data });
        results.push({ id, ok: true, status: r.to });
      } catch (e) {
        if (!isAppError(e)) deps.logger.error({ err: e, caseId: id }, 'bulk transition failed');
        results.push({ id, ok: false, error: isAppError(e) ? { status: e.status, reason: e.reason, message: e.message } : BULK_FAILED });
      }
    }
    const succeeded = results.filter((r) => r.ok).length;
    sendJson(ctx, { results, succeeded, failed: results.length - succeeded });
  });

  router.post(routes.caseTransition.path, async (ctx) => {
    const me = allow(ctx, routes.caseTransition);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const body = await readBody(ctx, transitionBodySchema);
    sendJson(ctx, transitionAnswer(await runTransition(deps, me, row.id, body)));
  });

  router.post(routes.caseAssign.path, async (ctx) => {
    const me = allow(ctx, routes.caseAssign);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const body = await readBody(ctx, caseAssignBodySchema);
    sendJson(ctx, await assignCase(deps, me, row.id, body));
  });

  router.post(routes.caseMerge.path, async (ctx) => {
    const me = allow(ctx, routes.caseMerge);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const body = await readBody(ctx, mergeBodySchema);
    // the target gains a note and the subscribers: the transition checks its scope too (Edge.touches)
    const r = await runTransition(deps, me, row.id, {
      to: 'duplicate',
      ...(body.from ? { from: body.from } : {}),
      publicNote: body.publicNote ?? fill(consoleTexts().residents.merged, { number: body.duplicateOf }),
      internalNote: body.internalNote,
      data: { duplicateOf: body.duplicateOf },
    });
    sendJson(ctx, transitionAnswer(r));
  });

  router.post(routes.caseNote.path, async (ctx) => {
    const me = allow(ctx, routes.caseNote);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const body = await readBody(ctx, caseNoteBodySchema);
    sendJson(ctx, await noteCase(deps, me, row.id, body), 201);
  });

  router.post(routes.caseMilestone.path, async (ctx) => {
    const me = allow(ctx, routes.caseMilestone);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const body = await readBody(ctx, milestoneBodySchema);
    const date = /^\d{4}-\d{2}-\d{2}$/.test(body.date) ? parseQueryDate(body.date, '日期').toISOString() : body.date;
    sendJson(ctx, await milestoneCase(deps, me, row.id, { ...body, date }), 201);
  });

  router.post(routes.caseTransfer.path, async (ctx) => {
    const me = allow(ctx, routes.caseTransfer);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const body = await readBody(ctx, transferBodySchema);
    sendJson(ctx, await transferCaseAction(deps, me, row.id, body));
  });

  router.post(routes.caseReassign.path, async (ctx) => {
    const me = allow(ctx, routes.caseReassign);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const body = await readBody(ctx, reassignBodySchema);
    sendJson(ctx, await reassignCaseAction(deps, me, row.id, body));
  });

  router.post(routes.caseFundingAdd.path, async (ctx) => {
    const me = allow(ctx, routes.caseFundingAdd);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const body = await readBody(ctx, fundingBodySchema);
    sendJson(ctx, await addCaseFunding(deps, me, row.id, body), 201);
  });

  router.delete(routes.caseFundingRemove.path, async (ctx) => {
    const me = allow(ctx, routes.caseFundingRemove);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const fundingId = pathId(ctx.params.fundingId, '资金来源');
    sendJson(ctx, await removeCaseFunding(deps, me, row.id, fundingId));
  });

  router.post(routes.casePhotoUpload.path, async (ctx) => {
    const me = allow(ctx, routes.casePhotoUpload);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const image = await readUploadedImage(ctx);
    sendJson(ctx, await uploadStaffPhoto(deps, me, row.id, image), 201);
  });

  router.patch(routes.casePhotoState.path, async (ctx) => {
    const me = allow(ctx, routes.casePhotoState);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const mediaId = pathId(ctx.params.mediaId, '照片');
    const body = await readBody(ctx, photoStateBodySchema);
    sendJson(ctx, await setPhotoState(deps, me, row.id, mediaId, body.publicState));
  });

  router.post(routes.casePublicText.path, async (ctx) => {
    const me = allow(ctx, routes.casePublicText);
    const row = await caseInScope(db, me, pathId(ctx.params.id, '事项'));
    const body = await readBody(ctx, publicTextBodySchema);
    sendJson(ctx, await approvePublicText(deps, me, row.id, body.text));
  });
}
