import { kindModule, type CaseKind } from '../civic/index.js';
import type { LifecycleInfo } from './contract/lifecycles.js';

/**
 * What cases of a kind carry, as the console shows it: the kind module's features, and whether
 * partners claim it (认领), residents object to it (公示异议) and it is delivered (实施与验收), side actions of its lifecycle. GET /lifecycles sends these; the case
 * detail reads the same answer to decide which sections it fills.
 */
export function kindFeatures(kind: CaseKind): LifecycleInfo['features'] {
  const m = kindModule(kind);
  return { ...m.features, theme: !!m.features.theme, claims: !!m.lifecycle.sideActions.claim?.length, objections: !!m.lifecycle.sideActions.objection?.length, delivery: !!m.lifecycle.sideActions.delivery?.length };
}
