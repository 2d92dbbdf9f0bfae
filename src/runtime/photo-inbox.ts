import { keys } from '../state/keys.js';
import type { StateStore } from '../state/store.js';
import { storedPhotoSchema, type StoredPhoto } from './conversation-store.js';

const TTL_MS = 24 * 3600_000;
const MAX = 9;
const storedPhotos = storedPhotoSchema.array();

/**
 * Photos a resident sends before the report flow asks for them (拍照报修 from the menu sends the
 * photo first). They are kept for a day and filed with the resident's next report.
 */
export class PhotoInbox {
  constructor(private readonly store: StateStore) {}

  private key(openid: string) {
    return `${keys.draft(openid, 'photo-inbox')}`;
  }

  async add(openid: string, photo: StoredPhoto): Promise<void> {
    const list = await this.list(openid);
    if (list.some((p) => p.sha256 === photo.sha256) || list.length >= MAX) return;
    await this.store.set(this.key(openid), JSON.stringify([...list, photo]), TTL_MS);
  }

  async take(openid: string): Promise<StoredPhoto[]> {
    const list = await this.list(openid);
    if (list.length) await this.store.del(this.key(openid));
    return list;
  }

  private async list(openid: string): Promise<StoredPhoto[]> {
    const raw = await this.store.get(this.key(openid));
    if (!raw) return [];
    try {
      const r = storedPhotos.safeParse(JSON.parse(raw));
      return r.success ? r.data : [];
    } catch {
      return [];
    }
  }
}
