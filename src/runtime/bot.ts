import { randomUUID } from 'node:crypto';
import { bindCommunity, communityFromScene, ensureResident, findCommunity, recordProjectRating, recordReportFeedback, setFollowing } from '../civic/index.js';
import type { Db } from '../db/client.js';
import type { EngineContext } from '../engine/context.js';
import type { Flow } from '../engine/flow-schema.js';
import type { Input } from '../engine/input.js';
import { resume } from '../engine/resume.js';
import { isExpired, type Session } from '../engine/session.js';
import { start } from '../engine/start.js';
import type { Trigger } from '../engine/trigger.js';
import { classifyIntent } from '../intent/classify.js';
import { parseCommand } from '../intent/commands.js';
import type { IntentModel } from '../intent/intent-model.js';
import type { Logger } from '../log.js';
import { keys } from '../state/keys.js';
import { lockIncrGet } from '../state/lock.js';
import type { StateStore, StoreWrite } from '../state/store.js';
import type { InboundMessage } from '../wechat/inbound.js';
import type { OutboundMessage } from '../wechat/outbound.js';
import type { MessageHandler } from '../wechat/webhook.js';
import { fill, type BotTexts } from './bot-texts.js';
import { answerCommand } from './commands.js';
import { TurnSession, type ConversationStore, type StoredPhoto } from './conversation-store.js';
import { requestHandoff, type InboxNotice } from './handoff.js';
import { runFlow, type FlowRunContext, type FlowRunDeps } from './flow-runner.js';
import { parseFeedback, parseRating, projectAwaitingRating, reportAwaitingFeedback } from './feedback.js';
import { KeywordReplies } from './keyword-replies.js';
import { PhotoInbox } from './photo-inbox.js';
import { recordOutbound } from './transcript.js';
import { recordTurnStart } from './turn-record.js';
import { TriggerIndex } from './trigger-index.js';

export interface BotDeps {
  db: Db;
  store: StateStore;
  conversations: ConversationStore;
  flows: ReadonlyMap<string, Flow>;
  intents: IntentModel;
  texts: BotTexts;
  logger: Logger;
  /** choices for community questions */
  communities: () => Promise<{ id: string; name: string; aliases: string[] }[]>;
  /**
   * tells the customer-service quota ledger what the resident did, as a write that goes in the
   * turn's final batch (QuotaLedger.inboundWrite); undefined when there is no ledger to tell
   */
  inboundQuotaWrite?: (openid: string, kind: 'message' | 'menu_click' | 'follow' | 'scan') => StoreWrite | undefined;
  /** the same as a call of its own beside the final batch (one more round trip); used only without inboundQuotaWrite */
  noteInbound?: (openid: string, kind: 'message' | 'menu_click' | 'follow' | 'scan') => Promise<void>;
  /** downloads a resident's photo at once (media ids expire after 3 days) */
  storePhoto?: (mediaId: string) => Promise<StoredPhoto>;
  /** pushes that could not be delivered, to mention at the resident's next message */
  takeHeld?: (openid: string) => Promise<string | undefined>;
  /** TEMPLATESENDJOBFINISH: how a template push ended */
  onTemplateResult?: (templateMsgId: string, status: string) => Promise<void>;
  /** tells the staff console's live inbox about new tickets and residents' messages on them */
  inbox?: (notice: InboxNotice) => Promise<void>;
  caseUrl?: (caseId: number) => string;
  now?: () => Date;
  newId?: () => string;
  /** messages per resident per window before a polite "slow down" */
  rateLimit?: { max: number; windowMs: number };
}

/** one message's context: the flow runner's, plus what the turn's first statement read */
interface Turn extends FlowRunContext {
  /** the session as read with the lock; changes are written with its release */
  session: TurnSession;
  /** the resident's community as the turn's first statement read it (nothing in a turn binds one before reading it) */
  community: () => Promise<string | null>;
}

const LOCK = { ttlMs: 15_000, waitMs: 4_000, retryMs: 15 };

/**
 * The dispatcher: one inbound message → what to say. Each resident's messages are handled one at
 * a time (a store-wide lock), in the mailroom order: a person owns the conversation → global
 * commands → keyword triggers → the waiting flow → free-text intent → help.
 */
export function createBot(deps: BotDeps): MessageHandler & { keywordReplies: KeywordReplies } {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const photos = new PhotoInbox(deps.store);
  const keywordReplies = new KeywordReplies(deps.db, (id) => deps.logger.warn({ id }, 'keyword reply with unreadable content skipped'));
  const triggers = new TriggerIndex(deps.flows.values());
  const rate = deps.rateLimit ?? { max: 30, windowMs: 10_000 };
  // the drafts a turn may need (starting any flow reads that flow's draft) are read with the lock
  const draftFlows = [...deps.flows.keys()];

  const handler: MessageHandler = async (msg, meta) => {
    const openid = msg.fromUser;
    const lockKey = keys.residentLock(openid);
    // round trip 1 of the turn: the resident's lock, the rate counter, the session and the flows' drafts together
    const reads = [keys.session(openid), ...draftFlows.map((f) => keys.draft(openid, f))];
    const begun = await lockIncrGet(deps.store, lockKey, LOCK, { key: keys.rate(openid), ttlMs: rate.windowMs }, reads);
    const drafts = new Map(draftFlows.map((f, i) => [f, begun.values[i + 1] ?? null] as const));
    const session = new TurnSession(deps.conversations, openid, begun.values[0] ?? null, drafts);
    const release: StoreWrite = { op: 'deleteIfEquals', key: lockKey, expected: begun.token };
    let released = false;
    /**
     * round trip 2: the drafts and session written, the customer-service window noted, the lock
     * released and (through the gate) the cached answer recorded, together and in that order
     */
    const settle = async (replies: OutboundMessage[], noteQuota: boolean): Promise<OutboundMessage[]> => {
      const kind = noteQuota ? quotaKind(msg) : undefined;
      const quota = kind && deps.inboundQuotaWrite ? deps.inboundQuotaWrite(openid, kind) : undefined;
      const writes = [...session.writes(), ...(quota ? [quota] : []), release];
      const [applied, noted] = await Promise.allSettled([
        meta.commit ? meta.commit(replies, writes) : deps.store.apply(writes),
        kind && !deps.inboundQuotaWrite && deps.noteInbound ? deps.noteInbound(openid, kind) : undefined,
      ]);
      if (applied.status === 'rejected') throw applied.reason;
      released = true;
      // the turn has taken effect: a missed note only makes the quota ledger more cautious
      if (noted.status === 'rejected') deps.logger.warn({ openid, err: errText(noted.reason) }, 'customer-service window not noted');
      return replies;
    };
    try {
      const at = now();
      if (begun.count > rate.max) return await settle(begun.count === rate.max + 1 ? [text(deps.texts.rateLimited)] : [], false);
      // resident row, open ticket and the transcript line in one statement
      const { communityId, ticket } = await recordTurnStart(deps.db, msg, at);
      // a person owns the conversation: the bot stays silent, the inbox shows the message; only a
      // repeated 人工 while still queued is reassured
      if (ticket) {
        await deps.inbox?.({ type: 'message', ticketId: ticket.id, communityId: ticket.communityId, status: ticket.status });
        const again = ticket.status === 'queued' && msg.type === 'text' && parseCommand(msg.content)?.type === 'handoff';
        return await settle(again ? [text(deps.texts.handoffAlready)] : [], true);
      }
      const out = await dispatch(msg, {
        openid,
        sourceKey: meta.dedupeKey,
        now: at,
        session,
        // the community as the turn started; read again only when the statement could not see the row
        community: async () => (communityId !== undefined ? communityId : (await ensureResident(deps.db, openid, at)).communityId),
      });
      // one passive reply per turn: free and instant; the webhook splits it only past 2048 bytes
      const texts = out.filter((t): t is string => typeof t === 'string' && t.trim() !== '');
      const others = out.filter((t): t is OutboundMessage => typeof t !== 'string');
      const replies = [...(texts.length ? [text(texts.join('\n\n'))] : []), ...others];
      await recordOutbound(deps.db, openid, replies, null, 'bot', at);
      return await settle(replies, true);
    } finally {
      // a turn that failed changes no session; its lock goes at once rather than after its ttl
      if (!released) await deps.store.deleteIfEquals(lockKey, begun.token).catch(() => {});
    }
  };
  return Object.assign(handler, { keywordReplies });

  async function dispatch(msg: InboundMessage, ctx: Turn): Promise<(string | OutboundMessage)[]> {
    const { openid } = ctx;
    switch (msg.type) {
      case 'subscribe':
      case 'scan':
        return welcome(msg.type, msg.scene, ctx);
      case 'unsubscribe':
        await setFollowing(deps.db, openid, false, ctx.now);
        return [];
      case 'click':
        return onText(msg.eventKey, ctx, 'menu');
      case 'text':
        return onText(msg.content, ctx, 'keyword');
      case 'voice':
        return msg.recognition ? onText(msg.recognition, ctx, 'keyword') : onInput({ type: 'other', kind: 'voice' }, ctx);
      case 'location':
      case 'location_select':
        return onInput({ type: 'location', lat: msg.lat, lng: msg.lng, label: msg.label || ('poiname' in msg ? msg.poiname : '') }, ctx);
      case 'image':
        return onImage(msg.mediaId, msg.picUrl, ctx);
      case 'video':
      case 'shortvideo':
      case 'link':
        return onInput({ type: 'other', kind: msg.type }, ctx);
      case 'template_finish':
        await deps.onTemplateResult?.(msg.templateMsgId, msg.status);
        return [];
      default:
        // report_location, view, pic_* (the photos follow as image messages), template_finish …
        return [];
    }
  }

  async function welcome(type: 'subscribe' | 'scan', scene: string | undefined, ctx: Turn): Promise<string[]> {
    if (type === 'subscribe') await setFollowing(deps.db, ctx.openid, true, ctx.now);
    const communityId = communityFromScene(scene);
    const community = communityId ? await findCommunity(deps.db, communityId) : undefined;
    if (community) {
      await bindCommunity(deps.db, ctx.openid, community.id, ctx.now);
      return [fill(type === 'subscribe' ? deps.texts.welcomeCommunity : deps.texts.communityBound, { community: community.name })];
    }
    return type === 'subscribe' ? [deps.texts.welcome] : [];
  }

  async function onText(raw: string, ctx: Turn, via: 'keyword' | 'menu'): Promise<(string | OutboundMessage)[]> {
    const session = await current(ctx);
    const prefix = session.expiredNotice;
    const cmd = parseCommand(raw);
    if (cmd?.type === 'cancel') {
      if (!session.live) return [...prefix, deps.texts.cancelNothing];
      return [...prefix, ...(await step(session.live, { type: 'cancel' }, ctx))];
    }
    if (cmd?.type === 'handoff') return [...prefix, ...(await handoff(session.live, ctx))];
    if (cmd) {
      const answer = await answerCommand(cmd, ctx.openid, ctx.now, { db: deps.db, texts: deps.texts, ...(deps.caseUrl ? { caseUrl: deps.caseUrl } : {}) });
      // a digression: answer it, then ask the pending question again
      if (session.live) return [...prefix, answer, ...(await step(session.live, { type: 'reprompt' }, ctx))];
      return [...prefix, answer];
    }
    const trigger = triggers.keyword(raw);
    if (trigger && !(session.live && deps.flows.get(session.live.flowId)?.ignoreTriggers)) {
      if (session.live) keepDraft(session.live, ctx);
      return [...prefix, ...(await begin(trigger, { type: via }, ctx))];
    }
    if (session.live) return [...prefix, ...(await step(session.live, { type: 'text', text: raw }, ctx))];
    const held = (await deps.takeHeld?.(ctx.openid)) ?? undefined;
    const lead = [...prefix, ...(held ? [held] : [])];
    const feedback = await answerFeedback(raw, ctx);
    if (feedback) return [...lead, feedback];
    const staffReply = await keywordReplies.match(raw, await ctx.community());
    if (staffReply) return [...lead, ...(staffReply.type === 'text' ? [staffReply.content] : [staffReply])];
    const intent = classifyIntent(raw, deps.intents);
    const flow = intent.flow ? deps.flows.get(intent.flow) : undefined;
    if (flow) {
      const slots: Record<string, string> = {};
      // a clear topic answers the flow's category question
      if (intent.category && intent.confidence >= 0.5) slots[deps.intents.topics.slot] = intent.category;
      // the free text that started it answers the flow's intentSlot question (its description)
      if (flow.triggers.intentSlot && raw.trim().length >= 5) slots[flow.triggers.intentSlot] = raw.trim();
      return [...lead, ...(await begin(flow, { type: 'intent', text: raw, slots }, ctx))];
    }
    return [...lead, deps.texts.help];
  }

  /** "1 已解决 / 2 没解决" (or the resident's own words) for a report resolved recently */
  async function answerFeedback(raw: string, ctx: FlowRunContext): Promise<string | undefined> {
    const answer = parseFeedback(raw);
    const caseId = answer ? await reportAwaitingFeedback(deps.db, ctx.openid, ctx.now) : undefined;
    if (!answer || caseId === undefined) return answerRating(raw, ctx);
    await recordReportFeedback(deps.db, { caseId, openid: ctx.openid, satisfied: answer.satisfied, ...(answer.comment ? { comment: answer.comment } : {}) }, { now: ctx.now });
    return fill(answer.satisfied ? deps.texts.feedbackThanks : deps.texts.feedbackReopened, { number: caseId });
  }

  /** 评议: a score 1–5 for a completed project the resident follows */
  async function answerRating(raw: string, ctx: FlowRunContext): Promise<string | undefined> {
    const rating = parseRating(raw);
    if (!rating) return undefined;
    const caseId = await projectAwaitingRating(deps.db, ctx.openid, ctx.now);
    if (caseId === undefined) return undefined;
    const r = await recordProjectRating(deps.db, { caseId, openid: ctx.openid, ...rating }, { now: ctx.now });
    return fill(deps.texts.ratingThanks, { number: caseId, score: rating.score, average: r.average ?? rating.score, count: r.count });
  }

  async function onInput(input: Input, ctx: Turn): Promise<string[]> {
    const session = await current(ctx);
    if (session.live) return [...session.expiredNotice, ...(await step(session.live, input, ctx))];
    // a location shared outside a flow starts the flow that says so (a report at that spot)
    const flow = triggers.location;
    if (input.type === 'location' && flow?.triggers.location) {
      const slots = { [flow.triggers.location]: { lat: input.lat, lng: input.lng, label: input.label } };
      return [...session.expiredNotice, ...(await begin(flow, { type: 'menu', slots }, ctx))];
    }
    return [...session.expiredNotice, deps.texts.mediaUnsupported];
  }

  async function onImage(mediaId: string, picUrl: string, ctx: Turn): Promise<string[]> {
    let stored: StoredPhoto | undefined;
    try {
      stored = await deps.storePhoto?.(mediaId);
    } catch (err) {
      // the report goes on without this photo rather than failing the resident's message
      deps.logger.warn({ openid: ctx.openid, mediaId, err: err instanceof Error ? err.message : String(err) }, 'photo download failed');
    }
    if (stored) await deps.conversations.rememberPhoto(ctx.openid, mediaId, stored);
    const session = await current(ctx);
    const live = session.live;
    const asksPhoto = live ? deps.flows.get(live.flowId)?.nodes[live.nodeId]?.type === 'image' : false;
    if (live && asksPhoto) return [...session.expiredNotice, ...(await step(live, { type: 'image', mediaId, ...(picUrl ? { picUrl } : {}) }, ctx))];
    // a photo sent before or outside the photo question is kept and filed with the report
    if (stored) await photos.add(ctx.openid, stored);
    if (live) return [...session.expiredNotice, deps.texts.photoOutsideFlow, ...(await step(live, { type: 'reprompt' }, ctx))];
    const flow = triggers.image;
    if (!flow) return [deps.texts.mediaUnsupported];
    return [...session.expiredNotice, deps.texts.photoOutsideFlow, ...(await begin(flow, { type: 'menu' }, ctx))];
  }

  function engine(communities: { id: string; name: string; aliases: string[] }[]): EngineContext {
    return { now, newId, flows: deps.flows, communities };
  }

  function runDeps(communities: { id: string; name: string; aliases: string[] }[], ctx: Turn): FlowRunDeps {
    return {
      db: deps.db,
      conversations: deps.conversations,
      drafts: ctx.session,
      texts: deps.texts,
      logger: deps.logger,
      engine: engine(communities),
      ...(triggers.image ? { photoFlow: triggers.image.id } : {}),
      ...(deps.inbox ? { inbox: deps.inbox } : {}),
    };
  }

  async function begin(flow: Flow, trigger: Trigger, ctx: Turn): Promise<string[]> {
    const communities = await deps.communities();
    const draft = await ctx.session.draft(flow.id);
    const communityId = await ctx.community();
    const slots = { ...(trigger.slots ?? {}) };
    // the resident's community is known: its question is skipped
    const asksCommunity = Object.values(flow.nodes).some((n) => n.type === 'community');
    if (communityId && asksCommunity && slots.community === undefined) slots.community = communityId;
    const first = start(flow, { ...trigger, slots, ...(draft ? { draft } : {}) }, engine(communities));
    return finish(first, ctx, communities);
  }

  async function step(session: Session, input: Input, ctx: Turn): Promise<string[]> {
    const communities = await deps.communities();
    return finish(resume(session, input, engine(communities)), ctx, communities);
  }

  async function finish(first: ReturnType<typeof start>, ctx: Turn, communities: { id: string; name: string; aliases: string[] }[]): Promise<string[]> {
    const out = await runFlow(first, ctx, runDeps(communities, ctx), photos);
    ctx.session.save(out.session, ctx.now);
    return out.texts;
  }

  /** The waiting session, after saving the draft of one that expired since the last message. */
  async function current(ctx: Turn): Promise<{ live?: Session; expiredNotice: string[] }> {
    const session = ctx.session.get();
    if (!session || session.status !== 'waiting') return { expiredNotice: [] };
    if (!isExpired(session, ctx.now)) return { live: session, expiredNotice: [] };
    const communities = await deps.communities();
    const out = await runFlow(resume(session, { type: 'expire' }, engine(communities)), ctx, runDeps(communities, ctx));
    ctx.session.save(out.session, ctx.now);
    return { expiredNotice: out.texts };
  }

  /** the waiting session makes way for another; its draft is kept with the turn's writes */
  function keepDraft(session: Session, ctx: Turn): void {
    if (Object.keys(session.slots).some((k) => !session.prefilled.includes(k))) {
      ctx.session.saveDraft({ flowId: session.flowId, nodeId: session.nodeId, slots: session.slots });
    }
    ctx.session.clear();
  }

  async function handoff(live: Session | undefined, ctx: Turn): Promise<string[]> {
    const context = live ? { flowId: live.flowId, nodeId: live.nodeId, slots: live.slots } : {};
    if (live) keepDraft(live, ctx);
    const r = await requestHandoff(deps.db, { openid: ctx.openid, reason: 'resident', context, now: ctx.now });
    if (r.created) await deps.inbox?.({ type: 'ticket_opened', ticketId: r.ticketId, communityId: r.communityId, status: 'queued' });
    return [r.created ? deps.texts.handoffQueued : deps.texts.handoffAlready];
  }
}

function quotaKind(msg: InboundMessage): 'message' | 'menu_click' | 'follow' | 'scan' | undefined {
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

const text = (content: string): OutboundMessage => ({ type: 'text', content });
const errText = (err: unknown) => (err instanceof Error ? err.message : String(err));
