import { randomUUID } from 'node:crypto';
import { dangerWarning } from './danger-warning.js';
import type { Db } from '../db/client.js';
import type { Community } from '../engine/context.js';
import type { Flow } from '../engine/flow-schema.js';
import type { IntentModel } from '../intent/intent-model.js';
import type { Logger } from '../log.js';
import type { StateStore } from '../state/store.js';
import type { MessageHandler } from '../wechat/webhook.js';
import type { BotTexts } from './bot-texts.js';
import type { ConversationStore, StoredPhoto } from './conversation-store.js';
import { dispatch, responders } from './dispatch.js';
import { FlowDriver } from './flow-driver.js';
import type { InboxNotice } from './handoff.js';
import { eventHandlers } from './handlers/index.js';
import { submitters } from './submitters/index.js';
import { KeywordReplies } from './keyword-replies.js';
import { lookupProviders } from './lookups/index.js';
import { JUST_FILED, justFiledKey } from './just-filed.js';
import { HELP_SHOWN, helpShownKey } from './responders/help.js';
import { PHOTO_INBOX, PhotoInbox, photoInboxKey } from './photo-inbox.js';
import { receiveVoice, rememberVoice, type VoiceDeps } from './receive-voice.js';
import type { BotContext } from './responders/responder.js';
import { loadDutyHours, serviceRatingReader, type DutyHours } from '../civic/duty-hours.js';
import { offDutyNote } from './duty-text.js';
import { SERVICE_RATING } from './responders/service-rating.js';
import { TriggerIndex } from './trigger-index.js';
import { Turn, type TurnDeps } from './turn.js';
import { FOLLOW_UPS } from './turn-follow-ups.js';
import { HELD_PUSHES } from './responders/held-updates.js';
import { keys } from '../state/keys.js';

export interface BotDeps {
  db: Db;
  store: StateStore;
  conversations: ConversationStore;
  flows: ReadonlyMap<string, Flow>;
  intents: IntentModel;
  texts: BotTexts;
  logger: Logger;
  /** choices for community questions */
  communities: () => Promise<Community[]>;
  inboundQuotaWrite?: TurnDeps['inboundQuotaWrite'];
  noteInbound?: TurnDeps['noteInbound'];
  /** downloads a resident's photo at once (media ids expire after 3 days) */
  storePhoto?: (mediaId: string) => Promise<StoredPhoto>;
  /** downloads a resident's voice at once and keeps it as AMR and MP3 */
  storeVoice?: VoiceDeps['storeVoice'];
  recogniser?: VoiceDeps['recogniser'];
  takeHeld?: BotContext['takeHeld'];
  onTemplateResult?: BotContext['onTemplateResult'];
  /** tells the staff console's live inbox about new tickets and residents' messages on them */
  inbox?: (notice: InboxNotice) => Promise<void>;
  caseUrl?: (caseId: number) => string;
  /** a public page by its path (/wishes …), when public pages are served */
  pageUrl?: (path: string) => string;
  now?: () => Date;
  newId?: () => string;
  /** messages per resident per window before a polite "slow down" */
  rateLimit?: { max: number; windowMs: number };
  /** when staff answer; config/handoff.yaml by default */
  duty?: DutyHours;
}

/**
 * The bot: one inbound message → what to say. A turn (runtime/turn.ts) holds the resident's lock,
 * state and writes; the responders (runtime/dispatch.ts) answer in the mailroom order; the flow
 * driver (runtime/flow-driver.ts) runs the engine and hands its events to runtime/handlers.
 */
export function createBot(deps: BotDeps): MessageHandler & { keywordReplies: KeywordReplies; claimsDelivery: true } {
  const now = deps.now ?? (() => new Date());
  const photos = new PhotoInbox(deps.store);
  const keywordReplies = new KeywordReplies(deps.db, (id) => deps.logger.warn({ id }, 'keyword reply with unreadable content skipped'));
  const triggers = new TriggerIndex(deps.flows.values());
  const duty = deps.duty ?? loadDutyHours();
  const driver = new FlowDriver({
    flows: deps.flows,
    communities: deps.communities,
    now,
    newId: deps.newId ?? randomUUID,
    handlers: eventHandlers,
    handlerDeps: {
      db: deps.db,
      conversations: deps.conversations,
      logger: deps.logger,
      submitters: submitters(deps.texts),
      lookups: lookupProviders,
      photos,
      texts: deps.texts,
      ...(deps.inbox ? { inbox: deps.inbox } : {}),
      offDutyNote: (at) => offDutyNote(deps.texts, duty, at),
    },
    logger: deps.logger,
    warn: dangerWarning(deps.texts),
  });
  const list = responders({ ...deps, duty, readServiceRating: serviceRatingReader(), triggers, driver, keywordReplies, photos });
  const turnDeps: TurnDeps = {
    db: deps.db,
    store: deps.store,
    conversations: deps.conversations,
    logger: deps.logger,
    // a follow-up flow never waits, so it keeps no draft
    draftFlows: [...deps.flows.values()].filter((f) => !f.triggers.followUp).map((f) => f.id),
    // read with the lock: the questions pushes asked, whether a push waits to be told, photos kept for
    // the next report, a human-service rating asked for, the case just filed and when help was shown
    reads: (openid) => ({
      [FOLLOW_UPS]: keys.followUps(openid),
      [HELD_PUSHES]: keys.heldPushes(openid),
      [PHOTO_INBOX]: photoInboxKey(openid),
      [SERVICE_RATING]: keys.serviceRating(openid),
      [JUST_FILED]: justFiledKey(openid),
      [HELP_SHOWN]: helpShownKey(openid),
    }),
    rate: deps.rateLimit ?? { max: 30, windowMs: 10_000 },
    ...(deps.inboundQuotaWrite ? { inboundQuotaWrite: deps.inboundQuotaWrite } : {}),
    ...(deps.noteInbound ? { noteInbound: deps.noteInbound } : {}),
  };

  const handler: MessageHandler = async (msg, meta) => {
    const turn = await Turn.open(turnDeps, msg, meta, now);
    try {
      const over = turn.overRate;
      if (over) return await turn.commit(over === 'first' ? [deps.texts.rateLimited] : [], { noteQuota: false });
      await turn.start();
      // a voice is kept and its words heard before anyone answers it: with words, it reads as typed text outside a flow
      const heard = msg.type === 'voice' ? await receiveVoice({ db: deps.db, logger: deps.logger, storeVoice: deps.storeVoice, recogniser: deps.recogniser }, msg, turn.now) : undefined;
      if (heard) rememberVoice(turn, heard);
      const read = msg.type === 'voice' && heard?.transcript ? { ...msg, recognition: heard.transcript.text } : msg;
      return await turn.commit(await dispatch(list, read, turn));
    } finally {
      await turn.close();
    }
  };
  // the turn's lock step takes the delivery's dedupe record (Turn.open)
  return Object.assign(handler, { keywordReplies, claimsDelivery: true as const });
}
