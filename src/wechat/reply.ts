import type { OutboundMessage } from './outbound.js';
import { cdata } from './xml.js';

/**
 * The body that tells WeChat "no passive reply": it then shows nothing and does not retry.
 * (An empty body works too; an empty <Content> does not, so there is no empty text reply.)
 */
export const SUCCESS = 'success';

/** WeChat silently drops a passive text reply over this many UTF-8 bytes. */
export const PASSIVE_TEXT_MAX_BYTES = 2048;

export interface ReplyContext {
  /** the resident's openid: the inbound FromUserName */
  toUser: string;
  /** the official account's gh_ id: the inbound ToUserName */
  fromUser: string;
  /** unix seconds */
  createTime: number;
}

/**
 * Passive reply XML in the element order and CDATA use of WeChat's 被动回复用户消息 page:
 * ToUserName, FromUserName, CreateTime, MsgType, then the type's body. Compact, without the
 * indentation of the documentation samples.
 *
 * Throws RangeError for a text reply that WeChat would not deliver (empty, or over 2048 bytes):
 * the caller splits long text with splitText and answers SUCCESS when there is nothing to say.
 */
export function renderReply(msg: OutboundMessage, ctx: ReplyContext): string {
  if (!Number.isSafeInteger(ctx.createTime) || ctx.createTime < 0) throw new RangeError('createTime must be unix seconds');
  const head =
    `<ToUserName>${cdata(ctx.toUser)}</ToUserName><FromUserName>${cdata(ctx.fromUser)}</FromUserName>` +
    `<CreateTime>${ctx.createTime}</CreateTime><MsgType>${cdata(msg.type)}</MsgType>`;
  return `<xml>${head}${body(msg)}</xml>`;
}

function body(msg: OutboundMessage): string {
  switch (msg.type) {
    case 'text': {
      if (msg.content.length === 0) throw new RangeError('an empty text reply is not delivered: answer SUCCESS instead');
      const bytes = Buffer.byteLength(msg.content, 'utf8');
      if (bytes > PASSIVE_TEXT_MAX_BYTES) {
        throw new RangeError(`a passive text reply is at most ${PASSIVE_TEXT_MAX_BYTES} bytes (got ${bytes}): split it with splitText`);
      }
      return `<Content>${cdata(msg.content)}</Content>`;
    }
    case 'image':
      return `<Image><MediaId>${cdata(msg.mediaId)}</MediaId></Image>`;
    case 'news': {
      // one article: WeChat has allowed no more in a passive reply since 2018
      const a = msg.article;
      return (
        `<ArticleCount>1</ArticleCount><Articles><item>` +
        `<Title>${cdata(a.title)}</Title><Description>${cdata(a.description)}</Description>` +
        `<PicUrl>${cdata(a.picUrl ?? '')}</PicUrl><Url>${cdata(a.url)}</Url>` +
        `</item></Articles>`
      );
    }
  }
}
