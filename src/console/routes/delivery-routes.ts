import type Router from '@koa/router';
import { acceptanceRow, thirdPartyEvaluationsOf } from '../../civic/index.js';
import { AppError } from '../../errors.js';
import { normaliseImage } from '../../media/normalise-image.js';
import { allow } from '../auth/access.js';
import { UPLOAD_EXTENSIONS } from '../cases/image-type.js';
import { caseInScope } from '../cases/scope.js';
import { readUploadedImage } from '../cases/staff-photo.js';
import { serveMinutes } from '../council/minutes-file.js';
import { acceptanceBodySchema, deliveryBodySchema, evaluationBodySchema, routes } from '../contract.js';
import {
  addCaseMilestonePhoto,
  attachCaseAcceptanceDocument,
  attachCaseEvaluationReport,
  recordCaseAcceptance,
  recordCaseEvaluation,
  setCaseDelivery,
} from '../delivery/delivery-actions.js';
import { documentExtension, storeUploadedDocument } from '../delivery/document-file.js';
import { deliveryPanel } from '../delivery/panel.js';
import type { ConsoleDeps } from '../deps.js';
import { pathId, readBody, sendJson } from '../http.js';

/**
 * 实施 and after: GET/POST /cases/:id/delivery, POST /cases/:id/acceptances (and the record's file),
 * POST /cases/:id/milestones/:milestoneId/photos, POST /cases/:id/evaluations (and the report).
 * Scope: the case, checked before a body is read and again inside each write's transaction.
 */
export function mountDeliveryRoutes(router: Router, deps: ConsoleDeps): void {
  const { db } = deps;
  const caseOf = (id: string | undefined) => pathId(id, '事项');

  router.get(routes.caseDelivery.path, async (ctx) => {
    const me = allow(ctx, routes.caseDelivery);
    const row = await caseInScope(db, me, caseOf(ctx.params.id));
    sendJson(ctx, await deliveryPanel(db, row.id));
  });

  router.post(routes.caseDeliverySet.path, async (ctx) => {
    const me = allow(ctx, routes.caseDeliverySet);
    const row = await caseInScope(db, me, caseOf(ctx.params.id));
    sendJson(ctx, await setCaseDelivery(deps, me, row.id, await readBody(ctx, deliveryBodySchema)));
  });

  router.post(routes.caseAcceptance.path, async (ctx) => {
    const me = allow(ctx, routes.caseAcceptance);
    const row = await caseInScope(db, me, caseOf(ctx.params.id));
    sendJson(ctx, await recordCaseAcceptance(deps, me, row.id, await readBody(ctx, acceptanceBodySchema)), 201);
  });

  router.post(routes.caseAcceptanceUpload.path, async (ctx) => {
    const me = allow(ctx, routes.caseAcceptanceUpload);
    const row = await caseInScope(db, me, caseOf(ctx.params.id));
    const acceptanceId = pathId(ctx.params.acceptanceId, '验收记录');
    const file = await storeUploadedDocument(ctx, deps.media, deps.now(), '验收记录');
    sendJson(ctx, await attachCaseAcceptanceDocument(deps, me, row.id, acceptanceId, file), 201);
  });

  router.get(routes.caseAcceptanceDocument.path, async (ctx) => {
    const me = allow(ctx, routes.caseAcceptanceDocument);
    const row = await caseInScope(db, me, caseOf(ctx.params.id));
    const a = await acceptanceRow(db, pathId(ctx.params.acceptanceId, '验收记录'));
    const name = `acceptance-${row.id}-${a.acceptedOn}.${documentExtension(a.documentType)}`;
    if (a.caseId !== row.id || !a.documentPath || !a.documentType || !(await serveMinutes(ctx, deps.media, { path: a.documentPath, type: a.documentType, sha256: a.documentSha256 }, name)))
      throw new AppError('not_found', '这次验收还没有上传验收记录', { reason: 'no_document' });
  });

  router.post(routes.caseMilestonePhoto.path, async (ctx) => {
    const me = allow(ctx, routes.caseMilestonePhoto);
    const row = await caseInScope(db, me, caseOf(ctx.params.id));
    const milestoneId = pathId(ctx.params.milestoneId, '实施进度');
    const image = await readUploadedImage(ctx);
    // kept normalised like every photo (upright, no metadata, bounded): its type stays the upload's
    const kept = await normaliseImage(image.buffer, image.contentType);
    const stored = await deps.media.put(kept.buffer, UPLOAD_EXTENSIONS[image.contentType], deps.now());
    sendJson(ctx, await addCaseMilestonePhoto(deps, me, row.id, milestoneId, { ...stored, contentType: image.contentType }), 201);
  });

  router.post(routes.caseEvaluation.path, async (ctx) => {
    const me = allow(ctx, routes.caseEvaluation);
    const row = await caseInScope(db, me, caseOf(ctx.params.id));
    sendJson(ctx, await recordCaseEvaluation(deps, me, row.id, await readBody(ctx, evaluationBodySchema)), 201);
  });

  router.post(routes.caseEvaluationUpload.path, async (ctx) => {
    const me = allow(ctx, routes.caseEvaluationUpload);
    const row = await caseInScope(db, me, caseOf(ctx.params.id));
    const evaluationId = pathId(ctx.params.evaluationId, '评估记录');
    const file = await storeUploadedDocument(ctx, deps.media, deps.now(), '评估报告');
    sendJson(ctx, await attachCaseEvaluationReport(deps, me, row.id, evaluationId, file), 201);
  });

  router.get(routes.caseEvaluationReport.path, async (ctx) => {
    const me = allow(ctx, routes.caseEvaluationReport);
    const row = await caseInScope(db, me, caseOf(ctx.params.id));
    const evaluationId = pathId(ctx.params.evaluationId, '评估记录');
    const e = (await thirdPartyEvaluationsOf(db, row.id)).find((x) => x.id === evaluationId);
    const name = `evaluation-${row.id}-${e?.evaluatedOn ?? ''}.${documentExtension(e?.reportType ?? null)}`;
    if (!e?.reportPath || !e.reportType || !(await serveMinutes(ctx, deps.media, { path: e.reportPath, type: e.reportType, sha256: e.reportSha256 }, name)))
      throw new AppError('not_found', '这条评估还没有上传评估报告', { reason: 'no_report' });
  });
}
