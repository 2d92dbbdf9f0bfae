import { z } from 'zod';
import { silentLogger, type Logger } from '../../log.js';
import type { OutboundMessage } from '../outbound.js';
import type { WechatCaller } from './call.js';
import { MaybeSentError, WechatApiError, WechatTransportError, WindowClosedError } from './errors.js';
import type { QuotaLedger } from './quota.js';

/** 45015: no window (or the resident unfollowed); 45047: the window's allowance is used */
export const WINDOW_ERRCODES = new Set([45015, 45047]);

const okAnswer = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() }).loose();

/** the customer-service JSON body of one outbound message */
export function customMessageBody(openid: string, msg: OutboundMessage): Record<string, unknown> {
  switch (msg.type) {
    case 'text':
      return { touser: openid, msgtype: 'text', text: { content: msg.content } };
    case 'image':
      return { touser: openid, msgtype: 'image', image: { media_id: msg.mediaId } };
    case 'news': {
      const a = msg.article;
      const article = { title: a.title, description: a.description, url: a.url, ...(a.picUrl ? { picurl: a.picUrl } : {}) };
      return { touser: openid, msgtype: 'news', news: { articles: [article] } };
    }
  }
}

/**
 * Customer-service (客服) messages. Every send takes a slot from the quota ledger first, so a
 * closed window costs no API call; WeChat's own verdict (45015/45047) corrects the ledger. A send
 * is not idempotent: if it may have been delivered it is never repeated (MaybeSentError).
 */
export class CustomMessageService {
  constructor(
    private readonly caller: WechatCaller,
    private readonly quota: QuotaLedger,
    private readonly logger: Logger = silentLogger,
  ) {}

  /** sends one message; throws WindowClosedError (fall back to a template), MaybeSentError, or the API error */
  async send(openid: string, msg: OutboundMessage): Promise<{ remaining: number }> {
    const slot = await this.quota.tryConsume(openid);
    if (!slot.ok) throw new WindowClosedError(openid, slot.reason);
    const api = 'message/custom/send';
    try {
      await this.caller.json({ api, json: customMessageBody(openid, msg), idempotent: false, openid }, okAnswer);
      return { remaining: slot.remaining };
    } catch (e) {
      if (e instanceof WechatApiError && WINDOW_ERRCODES.has(e.errcode)) {
        await this.quota.markClosed(openid, slot.ticket);
        this.logger.info({ api, errcode: e.errcode }, 'customer-service window closed by WeChat; ledger corrected');
        throw new WindowClosedError(openid, e.errcode === 45047 ? 'quota_used' : 'window_closed', e.errcode);
      }
      // the slot is given back unless the message may have gone out (MaybeSentError); a refusal
      // from WeChat, a token failure or a connection that never opened leaves it unused
      const maybeSent = e instanceof MaybeSentError || (e instanceof WechatTransportError && e.maybeDelivered);
      if (!maybeSent) await this.quota.refund(openid, slot.ticket).catch(() => false);
      throw e;
    }
  }

  /** the "typing…" indicator (lasts 15 s or until the next message); costs no quota */
  async typing(openid: string, command: 'Typing' | 'CancelTyping' = 'Typing'): Promise<void> {
    await this.caller.json(
      { api: 'message/custom/typing', json: { touser: openid, command }, idempotent: true, openid },
      okAnswer,
    );
  }
}
