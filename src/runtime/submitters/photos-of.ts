import { z } from 'zod';
import type { Json } from '../../engine/json.js';
import type { StoredPhoto } from '../conversation-store.js';
import type { HandlerContext } from '../handlers/handler.js';

const photoRefs = z.array(z.object({ mediaId: z.string() })).catch([]);
/** a case keeps at most 9 photos */
const MAX = 9;

/**
 * The photos a submission files: exactly those of the flow's photo answer (downloaded when they
 * arrived), each once, so what is filed is what the resident's summary counted.
 */
export async function photosOf(slot: Json | undefined, { turn, deps }: HandlerContext): Promise<StoredPhoto[]> {
  const ids = photoRefs.parse(slot ?? []).map((p) => p.mediaId);
  const stored = ids.length ? await deps.conversations.photos(turn.openid, ids) : [];
  const seen = new Set<string>();
  return stored.filter((p) => !seen.has(p.sha256) && !!seen.add(p.sha256)).slice(0, MAX);
}
