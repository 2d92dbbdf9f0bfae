import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { caseEvents } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor, CivicContext } from '../context.js';
import type { CaseRow } from '../kinds/kind.js';
import { statusLabel } from '../kinds/kind-texts.js';
import { statusAttrs } from '../kinds/registry.js';
import { civicTexts, fill } from '../texts.js';
import { claimCase } from './claim.js';
import { cleanNote, insertEvent } from './events.js';

export interface SuperviseInput {
  caseId: number;
  /** the manager who presses (a staff actor) */
  actor: Actor;
  /** what they ask for, e.g. 本周五前修复并回复进展 */
  note: string;
  /** runs inside the transaction on the locked row, before anything is written; throw to refuse (the staff scope check) */
  authorize: (row: CaseRow) => void | Promise<void>;
}

export interface Supervised {
  row: CaseRow;
  eventId: number;
  /** how many times the case has been supervised, this one included */
  times: number;
}

/**
 * 督办: a manager presses whoever handles an open case, with a note. It is internal: an event on the
 * staff timeline (type 'supervised', the note as its internal note, by whom), never on the public
 * page and never pushed to residents. A case may be supervised again and again; each is counted.
 * Runs in the caller's transaction, so the caller's audit row commits with it.
 */
export async function superviseCase(tx: Db, input: SuperviseInput, ctx: CivicContext): Promise<Supervised> {
  const note = cleanNote(input.note);
  if (!note) throw new AppError('bad_request', civicTexts.errors.supervisionNoteRequired, { reason: 'note_required' });
  // lock the row first, then ask whose it is: a case moved to another community meanwhile is refused
  const row = await claimCase(tx, { caseId: input.caseId, now: ctx.now, action: civicTexts.actions.supervise });
  await input.authorize(row);
  if (!statusAttrs(row.kind, row.status)?.open)
    throw new AppError('bad_request', fill(civicTexts.errors.illegalState, { status: statusLabel(row.kind, row.status), action: civicTexts.actions.supervise }), {
      reason: 'illegal_state',
    });
  const [before] = await tx
    .select({ n: count() })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, row.id), eq(caseEvents.type, 'supervised')));
  const times = Number(before?.n ?? 0) + 1;
  const eventId = await insertEvent(tx, { caseId: row.id, at: ctx.now, actor: input.actor, type: 'supervised', internalNote: note, data: { times } });
  return { row, eventId, times };
}
