import type { Db } from '../../db/client.js';
import type { BotTexts } from '../bot-texts.js';
import type { Event, EventOf } from '../../engine/events/index.js';
import type { Json } from '../../engine/json.js';
import type { Session } from '../../engine/session.js';
import type { Logger } from '../../log.js';
import type { ConversationStore } from '../conversation-store.js';
import type { PhotoInbox } from '../photo-inbox.js';
import type { InboxNotice } from '../handoff.js';
import type { LookupProvider } from '../lookups/index.js';
import type { Turn } from '../turn.js';
import type { Submitter } from '../submitters/index.js';

/** photos the resident sent while a flow that takes none was open; the next report's photo answer */
export type PhotoStash = Pick<PhotoInbox, 'take'>;

/** what every handler may use */
export interface HandlerDeps {
  db: Db;
  conversations: ConversationStore;
  logger: Logger;
  /** what a flow may submit, by kind (case kinds …) */
  submitters: Readonly<Record<string, Submitter>>;
  /** what a flow may look up, by name */
  lookups: Readonly<Record<string, LookupProvider>>;
  photos: PhotoStash;
  /** tells the staff console's live inbox */
  inbox?: (notice: InboxNotice) => Promise<void>;
  /** the runtime's own words (flows/bot.zh-CN.yaml) */
  texts: BotTexts;
  /** outside duty hours, when staff will answer 人工 (runtime/duty-text.ts); undefined on duty */
  offDutyNote?: (now: Date) => string | undefined;
}

export interface HandlerContext {
  turn: Turn;
  /** the session as the sprint that emitted the event left it */
  session: Session;
  deps: HandlerDeps;
}

/**
 * What handling an event did, for the flow driver: text to say (the flow's reply), text to say after
 * the flow's own (a case's receipt), a lookup's answer to resume the flow with, or `decline`: the
 * submission no longer applies (the case moved on), so the flow's words are dropped and the message
 * goes to the next responder; `instead`: the flow's own words no longer say what happened (支持它 on a
 * proposal whose 征集 ended meanwhile), so this is said in their place.
 */
export type Effect = { say?: string; instead?: string; after?: string; lookup?: { name: string; data: Json }; decline?: true } | undefined;

export type EventHandler<E extends Event = Event> = (event: E, ctx: HandlerContext) => Promise<Effect>;

/** one handler per event type (mailroom's runner handlers): a new event type does not build without one */
export type EventHandlers = { readonly [T in Event['type']]: EventHandler<EventOf<T>> };
