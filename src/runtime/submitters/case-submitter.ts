import { fileCase } from '../../civic/kinds/file-case.js';
import type { CaseKind } from '../../civic/kinds/names.js';
import { justFiledWrite } from '../just-filed.js';
import { fileVoicesWithCase } from '../receive-voice.js';
import { photosOf } from './photos-of.js';
import type { Submitter } from './submitter.js';

/** a voice sent just before the flow started (then 报修 typed) belongs to it too */
const VOICE_LEAD_MS = 2 * 60_000;

/** a flow's session files at most one case, whatever is retried or re-sent */
const caseSource = (sessionId: string) => `session:${sessionId}`;

/** files a case of the kind from the flow's slots (the kind's zod schema reads them); its receipt is 编号 … */
export const caseSubmitter =
  (kind: CaseKind): Submitter =>
  async (e, ctx) => {
    const { turn, deps } = ctx;
    // filing binds the community of a resident who had none (intake.ts): their card is read again next time
    if ((await turn.community()) === null) turn.residentChanged();
    const photos = await photosOf(e.slots.photos, ctx);
    const { filed, receipt } = await fileCase(deps.db, kind, { openid: turn.openid, sourceKey: caseSource(e.sessionId), slots: e.slots, photos }, { now: turn.now });
    // what the resident said while filling it in is filed with it (staff play it on the case page)
    await fileVoicesWithCase(deps.db, { openid: turn.openid, caseId: filed.caseId, since: new Date(Date.parse(ctx.session.createdAt) - VOICE_LEAD_MS).toISOString() });
    turn.session.dropDraft(e.flowId);
    // a photo sent soon after is offered to this case (补充到 #N？)
    turn.write(justFiledWrite(turn.openid, filed.caseId));
    return { receipt };
  };
