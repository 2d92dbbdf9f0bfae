import { z } from 'zod';
import { keys } from '../../state/keys.js';
import type { StateStore } from '../../state/store.js';
import type { WechatCaller } from './call.js';
import { validateTemplateData, type TemplateDataInput } from './template-fields.js';
import { safeJson } from '../../safe-json.js';

export { fitTemplateField, validateTemplateData, TEMPLATE_FIELD_MAX, type TemplateDataInput } from './template-fields.js';

export interface TemplateMessage {
  touser: string;
  templateId: string;
  /** page opened on tap */
  url?: string;
  /** opened instead of url when both are given */
  miniprogram?: { appid: string; pagepath: string };
  /**
   * Makes the send idempotent: WeChat delivers one message per openid + client_msg_id within
   * 10 minutes. With it a failed send is retried; without it, it is not (MaybeSentError).
   */
  clientMsgId?: string;
  data: TemplateDataInput;
}

/** WeChat's msgid is a 64-bit integer: kept as a decimal string (http.ts quotes it before parsing) */
const sendAnswer = z.object({ msgid: z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(String) }).loose();

const sentRecord = z.object({ msgId: z.string(), sentAt: z.number() });


/** how long WeChat honours client_msg_id */
export const CLIENT_MSG_ID_TTL_MS = 10 * 60_000;

/**
 * Template messages (模板消息): the status-push channel once the customer-service window is
 * closed. Fields are validated before anything is sent (TemplateFieldError). A successful send
 * with client_msg_id is remembered for 10 minutes (keys.templateSent), so a repeat, on any
 * instance, returns the same msgId without calling WeChat.
 */
export class TemplateMessageService {
  constructor(
    private readonly caller: WechatCaller,
    private readonly store: StateStore,
    private readonly now: () => number = Date.now,
  ) {}

  async send(msg: TemplateMessage): Promise<{ msgId: string }> {
    const data = validateTemplateData(msg.data);
    if (msg.clientMsgId !== undefined && !/^[\w.:-]{1,64}$/.test(msg.clientMsgId)) {
      throw new TypeError('clientMsgId must be 1-64 letters, digits, "_", "-", "." or ":"');
    }
    const sentKey = msg.clientMsgId === undefined ? undefined : keys.templateSent(msg.touser, msg.clientMsgId);
    if (sentKey) {
      const previous = sentRecord.safeParse(safeJson(await this.store.get(sentKey)));
      if (previous.success && this.now() - previous.data.sentAt < CLIENT_MSG_ID_TTL_MS) return { msgId: previous.data.msgId };
    }
    const body = {
      touser: msg.touser,
      template_id: msg.templateId,
      ...(msg.url ? { url: msg.url } : {}),
      ...(msg.miniprogram ? { miniprogram: msg.miniprogram } : {}),
      ...(msg.clientMsgId !== undefined ? { client_msg_id: msg.clientMsgId } : {}),
      data,
    };
    const answer = await this.caller.json(
      { api: 'message/template/send', json: body, idempotent: msg.clientMsgId !== undefined, openid: msg.touser },
      sendAnswer,
    );
    if (sentKey) await this.store.set(sentKey, JSON.stringify({ msgId: answer.msgid, sentAt: this.now() }), CLIENT_MSG_ID_TTL_MS);
    return { msgId: answer.msgid };
  }
}
