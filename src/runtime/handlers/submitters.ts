import { fileCase } from '../../civic/kinds/file-case.js';
import { CASE_KINDS, type CaseKind } from '../../civic/kinds/names.js';
import type { EventOf } from '../../engine/events/index.js';
import type { HandlerContext } from './handler.js';
import { photosOf } from './photos-of.js';

/**
 * Files what a flow submitted, in one transaction; returns the receipt the resident reads next, or
 * `decline` when what the flow answered no longer applies.
 */
export type Submitter = (event: EventOf<'submitted'>, ctx: HandlerContext) => Promise<{ receipt?: string; decline?: true }>;

/** a flow's session files at most one case, whatever is retried or re-sent */
const caseSource = (sessionId: string) => `session:${sessionId}`;

/** files a case of the kind from the flow's slots (the kind's zod schema reads them); its receipt is 编号 … */
const caseSubmitter =
  (kind: CaseKind): Submitter =>
  async (e, ctx) => {
    const { turn, deps } = ctx;
    const photos = await photosOf(e.slots.photos, ctx, e.flowId === deps.photoFlow);
    const { receipt } = await fileCase(deps.db, kind, { openid: turn.openid, sourceKey: caseSource(e.sessionId), slots: e.slots, photos }, { now: turn.now });
    turn.session.dropDraft(e.flowId);
    return { receipt };
  };

/**
 * What a flow may submit, by kind: every case kind (civic/kinds/names.ts). The flows are checked
 * against these names at boot and by flows:check.
 */
export function submitters(): Record<string, Submitter> {
  return Object.fromEntries(CASE_KINDS.map((k) => [k, caseSubmitter(k)]));
}
