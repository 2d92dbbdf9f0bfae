import type { DutyHours, ServiceRating } from '../../civic/duty-hours.js';
import type { PhoneCodeSender } from '../../civic/phone-binding.js';
import type { Db } from '../../db/client.js';
import type { Flow } from '../../engine/flow-schema.js';
import type { IntentModel } from '../../intent/intent-model.js';
import type { Logger } from '../../log.js';
import type { InboundMessage } from '../../wechat/inbound.js';
import type { BotTexts } from '../bot-texts.js';
import type { ConversationStore, StoredPhoto } from '../conversation-store.js';
import type { FlowDriver } from '../flow-driver.js';
import type { InboxNotice } from '../handoff.js';
import type { KeywordReplies } from '../keyword-replies.js';
import type { PhotoInbox } from '../photo-inbox.js';
import type { TriggerIndex } from '../trigger-index.js';
import type { Reply, Turn } from '../turn.js';

/**
 * One step of the dispatcher: the reply to a message it answers, or undefined when the message is
 * not its own (the next responder is tried). An empty reply answers with silence.
 */
export type Responder = (msg: InboundMessage, turn: Turn) => Promise<Reply | undefined>;

/** a followed case's news whose push was left for later (notify's HeldUpdate) */
export interface HeldNews {
  caseId: number;
  /** the number residents type after 查询 */
  number: number;
  title: string;
  /** the status label, e.g. 处理中 */
  status: string;
  /** ISO time of the news */
  at: string;
  /** what the news asks the resident (问题解决了吗: feedback) */
  asks?: string;
  /** staff's whole note, owed since a template could not carry it */
  fullNote?: string;
}

/** what the responders share: the bot's words, flows, stores and the flow driver */
export interface BotContext {
  db: Db;
  texts: BotTexts;
  logger: Logger;
  flows: ReadonlyMap<string, Flow>;
  triggers: TriggerIndex;
  intents: IntentModel;
  driver: FlowDriver;
  conversations: ConversationStore;
  keywordReplies: KeywordReplies;
  photos: PhotoInbox;
  /** downloads a resident's photo at once (media ids expire after 3 days) */
  storePhoto?: (mediaId: string) => Promise<StoredPhoto>;
  /** pushes left for later, taken (marked shown) as they are read, to mention at the resident's next message */
  takeHeld?: (openid: string) => Promise<HeldNews[]>;
  /** TEMPLATESENDJOBFINISH: how a template push ended; 'held' when it failed and is kept for the resident's next message */
  onTemplateResult?: (templateMsgId: string, status: string) => Promise<'held' | void>;
  /** tells the staff console's live inbox about new tickets and residents' messages on them */
  inbox?: (notice: InboxNotice) => Promise<void>;
  caseUrl?: (caseId: number) => string;
  /** where 绑定手机号's one-time code goes: an SMS gateway; default: the bot's own reply (no proof of owning the phone) */
  phoneCodes?: PhoneCodeSender;
  /** a public page by its path (/wishes …) */
  pageUrl?: (path: string) => string;
  /** when staff answer (config/handoff.yaml): 人工 outside them is told when someone will */
  duty: DutyHours;
  /** a resident's rating of the human service, as config/handoff.yaml words it */
  readServiceRating: (text: string) => ServiceRating | undefined;
}
