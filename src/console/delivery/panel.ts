import {
  acceptancesOf,
  deliveryOf,
  loadCase,
  milestonesOf,
  sideActionStatuses,
  surveyTally,
  thirdPartyEvaluationsOf,
} from '../../civic/index.js';
import type { Db } from '../../db/client.js';
import type { DeliveryPanel } from '../contract.js';

const fileOf = (path: string | null, type: string | null, bytes: number | null) => (path && type ? { type, bytes: bytes ?? 0 } : null);

/** what the console's case page shows of a project after 公示: read as the caller's transaction or pool sees it */
export async function deliveryPanel(db: Db, caseId: number): Promise<DeliveryPanel> {
  const fresh = await loadCase(db, caseId);
  const row = { id: caseId };
  const [delivery, acceptances, milestones, evaluations, survey] = [
    await deliveryOf(db, row.id),
    await acceptancesOf(db, row.id),
    await milestonesOf(db, row.id),
    await thirdPartyEvaluationsOf(db, row.id),
    await surveyTally(db, row.id),
  ];
  const allows = (a: 'delivery' | 'acceptance' | 'evaluation') => sideActionStatuses(fresh.kind, a).includes(fresh.status);
  return {
    caseId: row.id,
    money: { requested: fresh.estimatedCost, approved: fresh.approvedCost, paid: fresh.actualCost },
    delivery: delivery ? { ...delivery, updatedAt: delivery.updatedAt.toISOString() } : null,
    acceptances: acceptances.map((a) => ({
      id: a.id,
      acceptedOn: a.acceptedOn,
      acceptedBy: a.acceptedBy,
      result: a.result,
      notes: a.notes,
      document: fileOf(a.documentPath, a.documentType, a.documentBytes),
      createdAt: a.createdAt.toISOString(),
    })),
    milestones: milestones.map((m) => ({ id: m.id, date: m.date.toISOString(), note: m.note, percent: m.percent, photoIds: m.photoIds })),
    evaluations: evaluations.map((e) => ({
      id: e.id,
      evaluator: e.evaluator,
      evaluatedOn: e.evaluatedOn,
      score: e.score,
      summary: e.summary,
      report: fileOf(e.reportPath, e.reportType, e.reportBytes),
      createdAt: e.createdAt.toISOString(),
    })),
    survey,
    can: { delivery: allows('delivery'), acceptance: allows('acceptance'), evaluation: allows('evaluation'), milestonePhoto: allows('delivery') && milestones.length > 0 },
  };
}
