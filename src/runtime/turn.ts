import { ensureResident } from '../civic/residents.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../log.js';
import { keys } from '../state/keys.js';
import { lockIncrGet } from '../state/lock.js';
import { cardGeneration, readResidentCard, residentCardDrop, residentCardWrite } from '../state/resident-card.js';
import type { StateStore, StoreWrite } from '../state/store.js';
import type { InboundMessage } from '../wechat/inbound.js';
import { text, type OutboundMessage } from '../wechat/outbound.js';
import { AlreadyClaimed } from '../wechat/delivery-gate.js';
import type { MessageHandler } from '../wechat/webhook.js';
import { TurnSession, type ConversationStore } from './conversation-store.js';
import type { OpenTicket } from './handoff.js';
import { insertLines, recordOutbound, turnLines } from './transcript-lines.js';
import { recordTurnStart } from './turn-record.js';

/** one part of what the bot says in a turn: text (joined into one passive reply) or a message of its own */
export type ReplyPart = string | OutboundMessage;
export type Reply = readonly ReplyPart[];

type QuotaKind = 'message' | 'menu_click' | 'follow' | 'scan';

export interface TurnDeps {
  db: Db;
  store: StateStore;
  conversations: ConversationStore;
  logger: Logger;
  /** the flows whose drafts a turn may need (starting any flow reads that flow's draft) */
  draftFlows: readonly string[];
  /** other keys of the resident read with the lock, by name (Turn.read) */
  reads?: (openid: string) => Readonly<Record<string, string>>;
  /** messages per resident per window before a polite "slow down" */
  rate: { max: number; windowMs: number };
  /**
   * tells the customer-service quota ledger what the resident did, as a write that goes in the
   * turn's final batch (QuotaLedger.inboundWrite); undefined when there is no ledger to tell
   */
  inboundQuotaWrite?: (openid: string, kind: QuotaKind) => StoreWrite | undefined;
  /** the same as a call of its own beside the final batch (one more round trip); used only without inboundQuotaWrite */
  noteInbound?: (openid: string, kind: QuotaKind) => Promise<void>;
}

const LOCK = { ttlMs: 15_000, waitMs: 4_000, retryMs: 15 };

/**
 * One resident's message as a unit of work (mailroom's Scene). Each resident's messages are
 * handled one at a time: the turn opens with the resident's lock, read together with the rate
 * count, the session, the drafts and the other keys it may need (one round trip). Whatever the
 * responders change is kept here: the session and drafts (TurnSession), other state writes, what is
 * said before the answer. `commit` writes all of it with the lock's release and, through the
 * delivery gate, the cached answer (one round trip); it is the only place that knows the gate.
 * A turn that fails changes nothing and releases its lock at once (`close`).
 */
export class Turn {
  readonly openid: string;
  /** dedupe key of the message being handled */
  readonly sourceKey: string;
  readonly session: TurnSession;
  private readonly before: string[] = [];
  private readonly writes: StoreWrite[] = [];
  private readonly hooks: (() => StoreWrite[])[] = [];
  /** `behind`: the transcript lines go to the queue with the final batch (transcript-lines.ts), not to PostgreSQL now */
  private started: { communityId: string | null | undefined; ticket: OpenTicket | undefined; behind: boolean } | undefined;
  /** the card this turn read from PostgreSQL, left for the next turn; or the card dropped when the turn changed its facts */
  private card: StoreWrite | undefined;
  private changed = false;
  private released = false;

  private constructor(
    private readonly deps: TurnDeps,
    readonly msg: InboundMessage,
    private readonly meta: Parameters<MessageHandler>[1],
    readonly now: Date,
    private readonly lock: { key: string; token: string; count: number },
    private readonly values: ReadonlyMap<string, string | null>,
  ) {
    this.openid = msg.fromUser;
    this.sourceKey = meta.dedupeKey;
    const drafts = new Map(deps.draftFlows.map((f) => [f, values.get(keys.draft(this.openid, f)) ?? null] as const));
    this.session = new TurnSession(deps.conversations, this.openid, values.get(keys.session(this.openid)) ?? null, drafts);
  }

  /**
   * Round trip 1 of the turn: the resident's lock, the rate counter, the session, the drafts and the
   * other keys together, and the delivery's dedupe record when the gate left it to this step.
   */
  static async open(deps: TurnDeps, msg: InboundMessage, meta: Parameters<MessageHandler>[1], clock: () => Date): Promise<Turn> {
    const openid = msg.fromUser;
    const lockKey = keys.residentLock(openid);
    const extra = Object.values(deps.reads?.(openid) ?? {});
    const reads = [keys.session(openid), keys.residentCard(openid), keys.residentGen(openid), ...deps.draftFlows.map((f) => keys.draft(openid, f)), ...extra];
    // the delivery's dedupe record, when the gate left it to this step (one round trip fewer)
    const claim = meta.claim;
    const begun = await lockIncrGet(deps.store, lockKey, LOCK, { key: keys.rate(openid), ttlMs: deps.rate.windowMs }, reads, claim);
    if (begun === 'claimed') throw new AlreadyClaimed();
    claim?.took();
    const values = new Map(reads.map((k, i) => [k, begun.values[i] ?? null] as const));
    // the turn's time is when it got the lock
    return new Turn(deps, msg, meta, clock(), { key: lockKey, token: begun.token, count: begun.count }, values);
  }

  /** over the rate limit: 'first' for the first message too many (told to slow down), 'again' after it (silence) */
  get overRate(): 'first' | 'again' | false {
    const { max } = this.deps.rate;
    return this.lock.count <= max ? false : this.lock.count === max + 1 ? 'first' : 'again';
  }

  /** a key named in TurnDeps.reads, as the lock step read it */
  read(name: string): string | null {
    const key = this.deps.reads?.(this.openid)[name];
    return key === undefined ? null : (this.values.get(key) ?? null);
  }

  /**
   * What the turn starts from. With a card of the current generation and no ticket open, the card
   * is all (no statement): the bot answers alone and the transcript is written behind. A voice, an
   * open ticket or no card take one statement (turn-record.ts): the resident row, the open ticket
   * and the inbound line in the transcript now, where staff and the voice's own row look for it;
   * what it read is left as the next turn's card.
   */
  async start(): Promise<void> {
    const generation = cardGeneration(this.values.get(keys.residentGen(this.openid)) ?? null);
    const card = readResidentCard(this.values.get(keys.residentCard(this.openid)) ?? null, generation);
    if (card && !card.ticket && this.msg.type !== 'voice') {
      this.started = { communityId: card.communityId, ticket: undefined, behind: true };
      return;
    }
    const record = await recordTurnStart(this.deps.db, this.msg, this.now);
    this.started = { ...record, behind: false };
    if (record.communityId !== undefined && !this.changed) {
      this.card = residentCardWrite(this.openid, { communityId: record.communityId, ticket: record.ticket ?? null }, generation);
    }
  }

  /**
   * The turn changed what its card says (a ticket opened or ended, a community bound, a case
   * filed): the card goes with the turn's writes, or with its lock should the turn fail (it holds
   * the lock, so no other turn leaves one meanwhile), and the turn's transcript lines are written
   * now, where staff look for them.
   */
  residentChanged(): void {
    this.changed = true;
    this.card = residentCardDrop(this.openid);
  }

  /** the open ticket: a person owns the conversation */
  get ticket(): OpenTicket | undefined {
    return this.started?.ticket;
  }

  /** the resident's community as the turn's first statement read it; read again only when it could not see the row */
  async community(): Promise<string | null> {
    const c = this.started?.communityId;
    return c !== undefined ? c : (await ensureResident(this.deps.db, this.openid, this.now)).communityId;
  }

  /** said before the answer, whoever gives it (the note that a flow expired, news of followed cases) */
  say(text: string): void {
    if (text.trim()) this.before.push(text);
  }

  /** a state write of the resident's, applied with the turn's final batch */
  write(w: StoreWrite): void {
    this.writes.push(w);
  }

  /** writes made from what the turn ended up with, asked for at commit (mailroom's pre-commit hooks) */
  beforeCommit(hook: () => StoreWrite[]): void {
    this.hooks.push(hook);
  }

  /**
   * Round trip 2: the drafts and session written, the other writes, the customer-service window
   * noted, the lock released and (through the gate) the cached answer recorded, together and in
   * that order. The texts go as one passive reply (free and instant; the webhook splits it only past
   * 2048 bytes), after the bot's words are added to the transcript (on the open ticket when a person
   * owns the conversation, so staff read what the bot answered there).
   */
  async commit(reply: Reply, o: { noteQuota: boolean } = { noteQuota: true }): Promise<OutboundMessage[]> {
    const parts = [...this.before, ...reply];
    const texts = parts.filter((t): t is string => typeof t === 'string' && t.trim() !== '');
    const others = parts.filter((t): t is OutboundMessage => typeof t !== 'string');
    const replies = [...(texts.length ? [text(texts.join('\n\n'))] : []), ...others];
    const queued = this.started ? await this.recordTranscript(replies) : undefined;

    const kind = o.noteQuota ? quotaKind(this.msg) : undefined;
    const quota = kind && this.deps.inboundQuotaWrite ? this.deps.inboundQuotaWrite(this.openid, kind) : undefined;
    const release: StoreWrite = { op: 'deleteIfEquals', key: this.lock.key, expected: this.lock.token };
    const own = [...this.session.writes(), ...this.writes, ...this.hooks.flatMap((h) => h())];
    // the queued lines go first (before the lock is released, so the resident's next turn queues after
    // them); the rest share the resident's hash slot with the answer's record and go as one step
    const writes = [...(queued ? [queued] : []), ...own, ...(this.card ? [this.card] : []), ...(quota ? [quota] : []), release];
    const [applied, noted] = await Promise.allSettled([
      this.meta.commit ? this.meta.commit(replies, writes) : this.deps.store.apply(writes),
      kind && !this.deps.inboundQuotaWrite && this.deps.noteInbound ? this.deps.noteInbound(this.openid, kind) : undefined,
    ]);
    if (applied.status === 'rejected') throw applied.reason;
    this.released = true;
    // the turn has taken effect: a missed note only makes the quota ledger more cautious
    if (noted.status === 'rejected') this.deps.logger.warn({ openid: this.openid, err: errText(noted.reason) }, 'customer-service window not noted');
    return replies;
  }

  /**
   * The bot's replies in the transcript: after the inbound line written at the start, or (written
   * behind) both as the write that queues them; a turn that changed the resident writes both now.
   */
  private async recordTranscript(replies: OutboundMessage[]): Promise<StoreWrite | undefined> {
    const started = this.started!;
    if (!started.behind) {
      await recordOutbound(this.deps.db, this.openid, replies, started.ticket?.id ?? null, 'bot', this.now);
      return undefined;
    }
    const lines = turnLines({ sourceKey: this.sourceKey, msg: this.msg, replies, at: this.now });
    if (this.changed) {
      await insertLines(this.deps.db, lines);
      return undefined;
    }
    return { op: 'rpush', key: keys.transcriptQueue, values: lines.map((l) => JSON.stringify(l)) };
  }

  /** a turn that failed changes no session; its lock goes at once rather than after its ttl */
  async close(): Promise<void> {
    if (this.released) return;
    const release: StoreWrite = { op: 'deleteIfEquals', key: this.lock.key, expected: this.lock.token };
    // what the turn changed in PostgreSQL before it failed may have made its card wrong
    await this.deps.store.apply(this.changed ? [residentCardDrop(this.openid), release] : [release]).catch(() => {});
  }
}

function quotaKind(msg: InboundMessage): QuotaKind | undefined {
  switch (msg.type) {
    case 'click':
    case 'scancode':
      return 'menu_click';
    case 'subscribe':
      return 'follow';
    case 'scan':
      return 'scan';
    case 'text':
    case 'image':
    case 'voice':
    case 'video':
    case 'shortvideo':
    case 'location':
    case 'link':
      return 'message';
    default:
      return undefined;
  }
}

const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));
