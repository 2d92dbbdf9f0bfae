import { acceptancesOf, deliveryOf, surveyTally, thirdPartyEvaluationsOf } from '../civic/index.js';
import type { Db } from '../db/client.js';
import type { DeliveryView } from './delivery-section.js';

/** what the public case page reads of a project after 公示: its delivery, acceptances, evaluations and survey counts */
export async function deliveryView(db: Db, caseId: number): Promise<DeliveryView> {
  return {
    delivery: await deliveryOf(db, caseId),
    acceptances: await acceptancesOf(db, caseId),
    evaluations: await thirdPartyEvaluationsOf(db, caseId),
    survey: await surveyTally(db, caseId),
  };
}
