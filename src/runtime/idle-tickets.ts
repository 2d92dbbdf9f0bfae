import { loadIdleCloseMinutes } from '../civic/duty-hours.js';
import type { Db } from '../db/client.js';
import { forgetResidentCard } from '../state/resident-card.js';
import { serviceRatingAsk } from '../state/service-rating.js';
import type { StateStore } from '../state/store.js';
import type { WechatApi } from '../wechat/api/index.js';
import { text } from '../wechat/outbound.js';
import type { BotTexts } from './bot-texts.js';
import type { InboxNotice } from './handoff.js';
import type { IdleTickets } from './housekeeping.js';
import { recordOutbound } from './transcript-lines.js';
import { rateServiceText } from './rate-service-text.js';

/**
 * The idle-ticket job as the service and the push worker run it: config/handoff.yaml's idle time,
 * and the resident told by a customer-service message that the person has gone and the bot is
 * back (written on the ticket, so staff read it too). A closed window sends nothing: the bot simply
 * answers the resident's next message.
 */
export function idleTickets(o: {
  db: Db;
  /** where the question 请为本次人工服务评价 is kept for the resident's next message */
  store: StateStore;
  api: () => WechatApi | undefined;
  texts: BotTexts;
  now: () => Date;
  inbox?: (notice: InboxNotice) => Promise<void>;
  idleMinutes?: number;
}): IdleTickets {
  return {
    idleMinutes: o.idleMinutes ?? loadIdleCloseMinutes(),
    ...(o.inbox ? { inbox: o.inbox } : {}),
    forget: (openid) => forgetResidentCard(o.store, openid),
    tell: async (t) => {
      const api = o.api();
      if (!api) return;
      const status = await api.quota.status(t.openid);
      if (!status.open || status.remaining <= 0) return;
      const message = text(`${o.texts.handoffClosedIdle}\n${rateServiceText(o.texts)}`);
      await api.custom.send(t.openid, message);
      await o.store.apply([serviceRatingAsk(t.openid, t.id)]);
      await recordOutbound(o.db, t.openid, [message], t.id, 'bot', o.now());
    },
  };
}
