import {
  addMilestonePhoto,
  attachAcceptanceDocument,
  attachEvaluationReport,
  recordAcceptance,
  recordThirdPartyEvaluation,
  setDelivery,
  type StoredDocument,
} from '../../civic/index.js';
import type { PhotoInput } from '../../civic/media.js';
import { writeAudit } from '../audit.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { actorOf, civicCtx } from '../cases/actions.js';
import { scopeHook } from '../cases/scope.js';
import type { AcceptanceBody, DeliveryBody, DeliveryPanel, EvaluationBody } from '../contract.js';
import type { ConsoleDeps } from '../deps.js';
import { deliveryPanel } from './panel.js';

/**
 * The console's writes of 实施 and after: each runs the civic operation (which checks the user's
 * scope on the case inside its transaction) and writes the audit row in the same transaction, then
 * answers the case's delivery panel as it now is.
 */
async function audited(
  deps: ConsoleDeps,
  me: StaffPrincipal,
  caseId: number,
  action: string,
  write: (tx: ConsoleDeps['db'], now: Date) => Promise<{ before?: unknown; after: unknown }>,
): Promise<DeliveryPanel> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const r = await write(tx, now);
    await writeAudit(tx, { staffId: me.id, action, target: `case:${caseId}`, before: r.before ?? null, after: r.after, at: now });
    return deliveryPanel(tx, caseId);
  });
}

/** 实施信息 set or corrected */
export const setCaseDelivery = (deps: ConsoleDeps, me: StaffPrincipal, caseId: number, b: DeliveryBody) =>
  audited(deps, me, caseId, 'case.delivery', async (tx, now) => {
    const r = await setDelivery(tx, { caseId, ...b, actor: actorOf(me), authorize: scopeHook(tx, me) }, { ...civicCtx(deps), now });
    return { before: r.before, after: { ...b } };
  });

/** 验收 recorded */
export const recordCaseAcceptance = (deps: ConsoleDeps, me: StaffPrincipal, caseId: number, b: AcceptanceBody) =>
  audited(deps, me, caseId, 'case.acceptance', async (tx, now) => {
    const r = await recordAcceptance(tx, { caseId, ...b, actor: actorOf(me), authorize: scopeHook(tx, me) }, { ...civicCtx(deps), now });
    return { after: { acceptanceId: r.acceptance.id, ...b } };
  });

/** 验收记录 attached (kept in the media store first) */
export const attachCaseAcceptanceDocument = (deps: ConsoleDeps, me: StaffPrincipal, caseId: number, acceptanceId: number, file: StoredDocument) =>
  audited(deps, me, caseId, 'case.acceptance_document', async (tx) => {
    const r = await attachAcceptanceDocument(tx, { caseId, acceptanceId, file, authorize: scopeHook(tx, me) });
    return { before: { path: r.replaced }, after: { acceptanceId, ...file } };
  });

/** a photo of a milestone (kept in the media store first) */
export const addCaseMilestonePhoto = (deps: ConsoleDeps, me: StaffPrincipal, caseId: number, milestoneId: number, photo: PhotoInput) =>
  audited(deps, me, caseId, 'case.milestone_photo', async (tx, now) => {
    const r = await addMilestonePhoto(tx, { caseId, milestoneId, photo, actor: actorOf(me), authorize: scopeHook(tx, me) }, { ...civicCtx(deps), now });
    return { after: { milestoneId, mediaId: r.mediaId, path: photo.path, sha256: photo.sha256 } };
  });

/** 第三方评估 recorded */
export const recordCaseEvaluation = (deps: ConsoleDeps, me: StaffPrincipal, caseId: number, b: EvaluationBody) =>
  audited(deps, me, caseId, 'case.evaluation', async (tx, now) => {
    const r = await recordThirdPartyEvaluation(tx, { caseId, ...b, actor: actorOf(me), authorize: scopeHook(tx, me) }, { ...civicCtx(deps), now });
    return { after: { evaluationId: r.evaluation.id, ...b } };
  });

/** 评估报告 attached (kept in the media store first) */
export const attachCaseEvaluationReport = (deps: ConsoleDeps, me: StaffPrincipal, caseId: number, evaluationId: number, file: StoredDocument) =>
  audited(deps, me, caseId, 'case.evaluation_report', async (tx) => {
    const r = await attachEvaluationReport(tx, { caseId, evaluationId, file, authorize: scopeHook(tx, me) });
    return { before: { path: r.replaced }, after: { evaluationId, ...file } };
  });
