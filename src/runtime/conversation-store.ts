import { z } from 'zod';
import { parseSession, SessionParseError, type Session } from '../engine/session.js';
import { draftSchema, type Draft } from '../engine/trigger.js';
import { keys } from '../state/keys.js';
import type { StateStore, StoreWrite } from '../state/store.js';
import { safeJson } from '../safe-json.js';

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
    const w = this.draftWrite(openid, draft);
    await this.store.set(w.key, w.value, w.ttlMs);
  }

  /** the write that saves a draft (kept a week) */
  draftWrite(openid: string, draft: Draft): StoreWrite & { op: 'set' } {
    return { op: 'set', key: keys.draft(openid, draft.flowId), value: JSON.stringify(draft), ttlMs: DRAFT_TTL_MS };
  }

  async draft(openid: string, flowId: string): Promise<Draft | undefined> {
    return this.readDraft(await this.store.get(keys.draft(openid, flowId)));
  }

  /** the draft in a raw value read by the caller; an unreadable one counts as none */
  readDraft(raw: string | null): Draft | undefined {
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
 * A resident's conversation state during one turn: the session and the drafts of the flows the
 * turn may start, read together with the turn's lock, changed in memory, written together with the
 * lock's release (TurnSession.writes). Only the last change of each key is written.
 *
 * Read-your-writes inside the turn: a draft saved or dropped earlier in the turn (an expired
 * session keeps its draft, then the same message starts that flow again) is read from the turn's
 * own pending writes, not from what the lock step read.
 */
export class TurnSession {
  private session: Session | undefined;
  private pending: StoreWrite | undefined;
  /** drafts as the lock step read them, by flow id */
  private readonly drafts: ReadonlyMap<string, string | null>;
  /** drafts changed in this turn, by flow id: the draft saved, or null when dropped */
  private readonly draftChanges = new Map<string, Draft | null>();

  constructor(
    private readonly conversations: ConversationStore,
    private readonly openid: string,
    raw: string | null,
    drafts: ReadonlyMap<string, string | null> = new Map(),
  ) {
    const read = conversations.read(openid, raw);
    this.session = read.session;
    if (read.drop) this.pending = { op: 'del', key: keys.session(openid) };
    this.drafts = drafts;
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

  /** the flow's draft: this turn's own change first, then what the lock step read (the store only for a flow it did not read) */
  async draft(flowId: string): Promise<Draft | undefined> {
    const changed = this.draftChanges.get(flowId);
    // read back through the schema, as the store's copy would be
    if (changed !== undefined) return changed ? this.conversations.readDraft(JSON.stringify(changed)) : undefined;
    const raw = this.drafts.get(flowId);
    if (raw !== undefined) return this.conversations.readDraft(raw);
    return this.conversations.draft(this.openid, flowId);
  }

  saveDraft(draft: Draft): void {
    this.draftChanges.set(draft.flowId, draft);
  }

  dropDraft(flowId: string): void {
    this.draftChanges.set(flowId, null);
  }

  /** what the turn changed, to be applied before the lock is released: the drafts, then the session */
  writes(): StoreWrite[] {
    const out: StoreWrite[] = [];
    for (const [flowId, d] of this.draftChanges) {
      out.push(d ? this.conversations.draftWrite(this.openid, d) : { op: 'del', key: keys.draft(this.openid, flowId) });
    }
    if (this.pending) out.push(this.pending);
    return out;
  }
}

