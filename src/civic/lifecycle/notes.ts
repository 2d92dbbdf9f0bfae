import type { Db } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { categoriesOf, type Actor, type CivicContext } from '../context.js';
import { insertMedia, type PhotoInput } from '../media.js';
import { casePayload, queueCasePush } from '../outbox.js';
import { civicTexts } from '../texts.js';
import { raiseObjection } from '../objections.js';
import { claimCase } from './claim.js';
import { cleanNote, insertEvent } from './events.js';
import type { CaseRow } from '../kinds/kind.js';

export interface NoteInput {
  caseId: number;
  actor: Actor;
  /** shown on the public page and pushed to subscribers */
  publicNote?: string;
  /** staff only: neither shown nor pushed */
  internalNote?: string;
  photos?: PhotoInput[];
  authorize?: (row: CaseRow) => void | Promise<void>;
}

/**
 * A note on the timeline of a case in any status. A public note is pushed to the subscribers
 * (outbox kind case_update) in the same transaction; an internal note is not. A resident may only
 * add notes to a case they filed.
 */
export async function addNote(
  db: Db,
  input: NoteInput,
  ctx: CivicContext,
): Promise<{ eventId: number; queued: number }> {
  const publicNote = cleanNote(input.publicNote);
  const internalNote = cleanNote(input.internalNote);
  if (!publicNote && !internalNote)
    throw new AppError('bad_request', civicTexts.errors.emptyNote, { reason: 'empty_note' });
  return db.transaction(async (tx) => {
    const row = await claimCase(tx, { caseId: input.caseId, now: ctx.now, action: civicTexts.actions.addNote });
    if (input.actor.type === 'resident' && input.actor.id !== row.openid)
      throw new AppError('forbidden', civicTexts.errors.noteNotAuthor, { reason: 'not_author' });
    if (input.authorize) await input.authorize(row);
    const eventId = await insertEvent(tx, {
      caseId: row.id,
      at: ctx.now,
      actor: input.actor,
      type: 'note',
      publicNote: publicNote ?? null,
      internalNote: internalNote ?? null,
      data: input.photos?.length ? { photos: input.photos.length } : {},
    });
    if (input.photos?.length)
      await insertMedia(tx, {
        caseId: row.id,
        eventId,
        photos: input.photos,
        source: input.actor.type === 'resident' ? 'resident' : 'staff',
        now: ctx.now,
      });
    let queued = 0;
    if (publicNote) {
      const payload = casePayload(row, 'note', ctx.now, { publicNote }, categoriesOf(ctx));
      const exclude = input.actor.type === 'resident' ? input.actor.id : undefined;
      queued = await queueCasePush(tx, { kind: 'case_update', row, eventId, payload, now: ctx.now, exclude });
    }
    return { eventId, queued };
  });
}

/**
 * 公示异议: a resident's objection to a project in 公示 (civic/objections.ts raiseObjection: kept
 * for staff to answer, recorded on the timeline as an internal event).
 */
export async function recordObjection(
  db: Db,
  input: { caseId: number; openid: string; text: string },
  ctx: CivicContext,
): Promise<{ eventId: number }> {
  const { eventId } = await raiseObjection(db, { caseId: input.caseId, openid: input.openid, reason: input.text }, ctx);
  return { eventId };
}
