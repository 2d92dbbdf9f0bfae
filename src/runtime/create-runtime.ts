import { listCommunities, loadCategories, seedCommunities } from '../civic/index.js';
import type { Db } from '../db/client.js';
import { formatProblem } from '../engine/loader/problem.js';
import type { Logger } from '../log.js';
import type { MediaStore } from '../media/media-store.js';
import type { SpeechRecogniser } from '../speech/recogniser.js';
import type { StateStore } from '../state/store.js';
import type { WechatApi } from '../wechat/api/index.js';
import type { MessageHandler } from '../wechat/webhook.js';
import { flowsDir, loadBotTexts, type BotTexts } from './bot-texts.js';
import { createBot, type BotDeps } from './bot.js';
import { loadRuntimeFlows } from './flow-names.js';
import { loadIntents } from './load-intents.js';
import { ConversationStore } from './conversation-store.js';
import type { InboxNotice } from './handoff.js';
import { KEYWORD_REPLIES_CHANGED } from '../vocabulary/keyword-replies-changed.js';

export interface RuntimeOptions {
  db: Db;
  store: StateStore;
  logger: Logger;
  /** the API client; absent until the service knows its address (local mode on a free port) */
  api: () => WechatApi | undefined;
  /** where residents' photos are stored (media/media-store-for.ts) */
  media: MediaStore;
  publicUrl: () => string;
  /** pushes held for the resident's next message, taken as they are read (notify's takeHeldUpdates) */
  takeHeld?: BotDeps['takeHeld'];
  /** TEMPLATESENDJOBFINISH: how a template push ended; 'held' when it failed and is kept for the resident's next message */
  onTemplateResult?: BotDeps['onTemplateResult'];
  /** the staff console's live inbox */
  inbox?: (notice: InboxNotice) => Promise<void>;
  /** speech to text for voices WeChat did not transcribe (SPEECH_TO_TEXT_URL); absent = none */
  recogniser?: SpeechRecogniser;
  now?: () => Date;
}

export class FlowsInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(`flows/ has problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'FlowsInvalidError';
  }
}

const COMMUNITY_CACHE_MS = 60_000;

/**
 * Loads what residents read (flows, intents, texts), seeds the communities and builds the bot.
 * A flow with a problem stops the start, naming the file and node.
 */
export async function createRuntime(o: RuntimeOptions): Promise<{ handler: MessageHandler; texts: BotTexts }> {
  const loaded = loadRuntimeFlows(flowsDir);
  if (loaded.problems.length) throw new FlowsInvalidError(loaded.problems.map(formatProblem));
  const categories = loadCategories();
  const intents = loadIntents(flowsDir, loaded.flows, categories.list.map((c) => c.id));
  const texts = loadBotTexts();
  const seeded = await seedCommunities(o.db);
  o.logger.info({ flows: [...loaded.flows.keys()], ...seeded }, 'runtime loaded');

  let cached: { at: number; list: { id: string; name: string; aliases: string[]; streetId: string; street: string }[] } | undefined;
  const communities = async () => {
    if (!cached || Date.now() - cached.at > COMMUNITY_CACHE_MS) {
      const list = await listCommunities(o.db);
      // a street reads with its district (南山区南头街道), the streets of a district together
      const byDistrict = [...list].sort((a, b) => a.district.localeCompare(b.district) || a.streetId.localeCompare(b.streetId));
      const street = (c: (typeof list)[number]) => `${c.district}${c.streetName}`;
      cached = { at: Date.now(), list: byDistrict.map((c) => ({ id: c.id, name: c.name, aliases: c.aliases, streetId: c.streetId, street: street(c) })) };
    }
    return cached.list;
  };
  const handler = createBot({
    db: o.db,
    store: o.store,
    conversations: new ConversationStore(o.store, (openid, err) => o.logger.warn({ openid, err: err.message }, 'unreadable session dropped')),
    flows: loaded.flows,
    intents,
    texts,
    logger: o.logger,
    communities,
    // the grant joins the turn's final batch of writes (no round trip of its own)
    inboundQuotaWrite: (openid, kind) => o.api()?.quota.inboundWrite(openid, kind),
    storePhoto: async (mediaId) => {
      const api = o.api();
      if (!api) throw new Error('no WeChat API client');
      return api.media.storeResidentMedia(mediaId, o.media);
    },
    storeVoice: async (mediaId) => {
      const api = o.api();
      if (!api) throw new Error('no WeChat API client');
      return api.media.storeResidentVoice(mediaId, o.media);
    },
    ...(o.recogniser ? { recogniser: o.recogniser } : {}),
    ...(o.takeHeld ? { takeHeld: o.takeHeld } : {}),
    ...(o.onTemplateResult ? { onTemplateResult: o.onTemplateResult } : {}),
    ...(o.inbox ? { inbox: o.inbox } : {}),
    caseUrl: (n) => `${o.publicUrl()}/c/${n}`,
    pageUrl: (p) => `${o.publicUrl()}${p}`,
    ...(o.now ? { now: o.now } : {}),
  });
  await o.store.subscribe(KEYWORD_REPLIES_CHANGED, () => handler.keywordReplies.invalidate());
  return { handler, texts };
}
