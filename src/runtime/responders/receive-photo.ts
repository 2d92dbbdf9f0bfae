import type { StoredPhoto } from '../conversation-store.js';
import type { Turn } from '../turn.js';
import type { BotContext } from './responder.js';

const received = new WeakMap<Turn, Promise<StoredPhoto | undefined>>();

/**
 * The photo of an image message, downloaded once per turn, at once (media ids expire after 3 days)
 * and remembered by its media id for the flow that files it. A failed download is logged: the
 * report goes on without this photo rather than failing the resident's message.
 */
export function receivePhoto(c: BotContext, turn: Turn, mediaId: string): Promise<StoredPhoto | undefined> {
  let got = received.get(turn);
  if (!got) {
    got = (async () => {
      let stored: StoredPhoto | undefined;
      try {
        stored = await c.storePhoto?.(mediaId);
      } catch (err) {
        c.logger.warn({ openid: turn.openid, mediaId, err: err instanceof Error ? err.message : String(err) }, 'photo download failed');
      }
      if (stored) await c.conversations.rememberPhoto(turn.openid, mediaId, stored);
      return stored;
    })();
    received.set(turn, got);
  }
  return got;
}
