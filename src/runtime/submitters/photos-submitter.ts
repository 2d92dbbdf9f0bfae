import { z } from 'zod';
import { addResidentPhotos } from '../../civic/index.js';
import { caseIdSlot, noLongerAsked } from './answer-slots.js';
import type { Submitter } from './submitter.js';

/** what a flow submitting photos gives (flows/add_photo.yaml) */
const photosSlots = z.object({ caseId: caseIdSlot, add: z.boolean() });

/**
 * The answer to 补充到 #N？: `add` files the photos kept since (the photo inbox) on that case
 * (civic addResidentPhotos); otherwise they stay kept for the resident's next report. What the
 * resident reads is the flow's own message.
 */
export const photosSubmitter: Submitter = async (e, { turn, deps }) => {
  const a = photosSlots.parse(e.slots);
  if (!a.add) return {};
  const kept = deps.photos.take(turn);
  if (!kept.length) return { decline: true };
  try {
    await addResidentPhotos(
      deps.db,
      { caseId: a.caseId, openid: turn.openid, photos: kept.map(({ path, sha256, bytes, contentType }) => ({ path, sha256, bytes, contentType })) },
      { now: turn.now },
    );
  } catch (err) {
    if (noLongerAsked(err)) return { decline: true };
    throw err;
  }
  return {};
};
