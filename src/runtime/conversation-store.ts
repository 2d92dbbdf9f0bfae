import { z } from 'zod';
import { parseSession, SessionParseError, type Session } from '../engine/session.js';
import { draftSchema, type Draft } from '../engine/trigger.js';
import { keys } from '../state/keys.js';
import type { StateStore, StoreWrite } from '../state/store.js';

/** A draft is kept a week after its session expired: long enough for "继续上次的报修?" */
const DRAFT_TTL_MS = 7 * 24 * 3600_000;
/** a session outlives its expiry by a day so its draft can still be saved lazily at the next message */
const SESSION_GRACE_MS = 24 * 3600_000;
/** downloaded photos are remembered while a report is being filled in */
const MEDIA_TTL_MS = 3 * 24 * 3600_000;

export const storedPhotoSchema = z.object({
  path: z.string(),
  sha256: z.string(),
  bytes: z.number().int(),
  contentType: z.string(),
});
export type StoredPhoto = z.infer<typeof storedPhotoSchema>;

/** Conversation state of residents in the state store: sessions, drafts, downloaded photos. */
export class ConversationStore {
  constructor(
    private readonly store: StateStore,
    private readonly onCorrupt: (openid: string, err: Error) => void = () => {},
  ) {}

  async load(openid: string): Promise<Session | undefined> {
    const read = this.read(openid, await this.store.get(keys.session(openid)));
    if (read.drop) await this.store.del(keys.session(openid));
    return read.session;
  }

  /** the session in a raw value read by the caller; `drop` when it is unreadable and should go */
  read(openid: string, raw: string | null): { session?: Session; drop: boolean } {
    if (raw === null) return { drop: false };
    try {
      return { session: parseSession(raw), drop: false };
    } catch (e) {
      if (!(e instanceof SessionParseError)) throw e;
      // a session we cannot read is dropped, not a reason to stop answering the resident
      this.onCorrupt(openid, e);
      return { drop: true };
    }
  }

  async save(openid: string, session: Session, now: Date): Promise<void> {
    await this.store.apply([this.saveWrite(openid, session, now)]);
  }

  /** the write that saves a session (or deletes it once the flow is no longer waiting) */
  saveWrite(openid: string, session: Session, now: Date): StoreWrite {
    if (session.status !== 'waiting') return { op: 'del', key: keys.session(openid) };
    const ttl = Math.max(60_000, Date.parse(session.expiresAt) - now.getTime() + SESSION_GRACE_MS);
    return { op: 'set', key: keys.session(openid), value: JSON.stringify(session), ttlMs: ttl };
  }

  async clear(openid: string): Promise<void> {
    await this.store.del(keys.session(openid));
  }

  async saveDraft(openid: string, draft: Draft): Promise<void> {
    await this.store.set(keys.draft(openid, draft.flowId), JSON.stringify(draft), DRAFT_TTL_MS);
  }

  async draft(openid: string, flowId: string): Promise<Draft | undefined> {
    const raw = await this.store.get(keys.draft(openid, flowId));
    if (raw === null) return undefined;
    const r = draftSchema.safeParse(safeJson(raw));
    return r.success ? r.data : undefined;
  }

  async dropDraft(openid: string, flowId: string): Promise<void> {
    await this.store.del(keys.draft(openid, flowId));
  }

  async rememberPhoto(openid: string, mediaId: string, photo: StoredPhoto): Promise<void> {
    await this.store.set(`${keys.draft(openid, 'media')}:${mediaId}`, JSON.stringify(photo), MEDIA_TTL_MS);
  }

  async photos(openid: string, mediaIds: string[]): Promise<StoredPhoto[]> {
    const raws = await this.store.mget(mediaIds.map((id) => `${keys.draft(openid, 'media')}:${id}`));
    return raws.flatMap((raw) => {
      const r = raw === null ? undefined : storedPhotoSchema.safeParse(safeJson(raw));
      return r?.success ? [r.data] : [];
    });
  }
}

/**
 * A resident's session during one turn: read together with the turn's lock, changed in memory,
 * written together with the lock's release (TurnSession.writes). Only the last change is written.
 */
export class TurnSession {
  private session: Session | undefined;
  private pending: StoreWrite | undefined;

  constructor(
    private readonly conversations: ConversationStore,
    private readonly openid: string,
    raw: string | null,
  ) {
    const read = conversations.read(openid, raw);
    this.session = read.session;
    if (read.drop) this.pending = { op: 'del', key: keys.session(openid) };
  }

  get(): Session | undefined {
    return this.session;
  }

  save(session: Session, now: Date): void {
    this.session = session.status === 'waiting' ? session : undefined;
    this.pending = this.conversations.saveWrite(this.openid, session, now);
  }

  clear(): void {
    this.session = undefined;
    this.pending = { op: 'del', key: keys.session(this.openid) };
  }

  /** what the turn changed, to be applied before the lock is released */
  writes(): StoreWrite[] {
    return this.pending ? [this.pending] : [];
  }
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
