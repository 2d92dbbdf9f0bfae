import { z } from 'zod';
import { keys } from '../state/keys.js';
import type { StateStore, StoreWrite } from '../state/store.js';
import type { Json } from '../engine/json.js';
import { storedPhotoSchema } from './conversation-store.js';

const TTL_MS = 24 * 3600_000;
/** the name the turn reads the inbox by, with the resident's lock (TurnDeps.reads) */
export const PHOTO_INBOX = 'photoInbox';
export const photoInboxKey = (openid: string) => keys.draft(openid, 'photo-inbox');
const MAX = 9;

/** a kept photo: the file, and the media id the conversation store remembers it by */
const inboxPhoto = storedPhotoSchema.extend({ mediaId: z.string().min(1), picUrl: z.string().optional() });
export type InboxPhoto = z.infer<typeof inboxPhoto>;
const inboxPhotos = inboxPhoto.array();

/**
 * Photos a resident sends while a flow that takes none is open (a proposal). They are kept for a
 * day and become the photo answer of the resident's next report, where its summary counts them.
 */
export class PhotoInbox {
  constructor(private readonly store: StateStore) {}

  private key(openid: string) {
    return photoInboxKey(openid);
  }

  async add(openid: string, photo: InboxPhoto): Promise<void> {
    const list = await this.list(openid);
    if (list.some((p) => p.sha256 === photo.sha256) || list.length >= MAX) return;
    await this.store.set(this.key(openid), JSON.stringify([...list, photo]), TTL_MS);
  }

  /** the kept photos as the turn read them with its lock, removed with the turn's writes (no round trip of its own) */
  take(turn: { openid: string; read(name: string): string | null; write(w: StoreWrite): void }): InboxPhoto[] {
    const list = parse(turn.read(PHOTO_INBOX));
    if (list.length) turn.write({ op: 'del', key: this.key(turn.openid) });
    return list;
  }

  private async list(openid: string): Promise<InboxPhoto[]> {
    return parse(await this.store.get(this.key(openid)));
  }
}

function parse(raw: string | null): InboxPhoto[] {
  if (!raw) return [];
  try {
    const r = inboxPhotos.safeParse(JSON.parse(raw));
    return r.success ? r.data : [];
  } catch {
    return [];
  }
}

/** what a flow's photo answer holds for a kept photo */
export const photoRef = (p: { mediaId: string; picUrl?: string | undefined }): Json => (p.picUrl ? { mediaId: p.mediaId, picUrl: p.picUrl } : { mediaId: p.mediaId });
