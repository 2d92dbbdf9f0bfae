import { z } from 'zod';
import type { Json } from '../../engine/json.js';
import type { StoredPhoto } from '../conversation-store.js';
import type { HandlerContext } from '../handlers/handler.js';

const photoRefs = z.array(z.object({ mediaId: z.string() })).catch([]);
/** a case keeps at most 9 photos */
const MAX = 9;

/**
 * The photos a submission files: those the flow's image question took (downloaded when they
 * arrived), then, for the flow a photo starts, those sent outside any flow; each once.
 */
export async function photosOf(slot: Json | undefined, { turn, deps }: HandlerContext, withStash: boolean): Promise<StoredPhoto[]> {
  const ids = photoRefs.parse(slot ?? []).map((p) => p.mediaId);
  const stored = ids.length ? await deps.conversations.photos(turn.openid, ids) : [];
  const extra = withStash ? await deps.photos.take(turn.openid) : [];
  const seen = new Set<string>();
  return [...stored, ...extra].filter((p) => !seen.has(p.sha256) && !!seen.add(p.sha256)).slice(0, MAX);
}
