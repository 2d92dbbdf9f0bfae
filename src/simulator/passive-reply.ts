import { z } from 'zod';
import type { Article } from '../wechat/outbound.js';
import type { WechatCrypto } from '../wechat/crypto.js';
import { parseWechatXml } from '../wechat/xml.js';

/**
 * What the resident sees after a delivery, read from the webhook's answer as WeChat reads it.
 * `failed` is what WeChat shows as 「该公众号暂时无法提供服务，请稍后再试」: no answer in time, an
 * HTTP error, or an answer WeChat cannot use (malformed, plaintext in safe mode, text over 2048 bytes).
 */
export type PassiveReply =
  | { type: 'text'; content: string }
  | { type: 'news'; articles: Article[] }
  | { type: 'image'; mediaId: string }
  /** voice, video, music: shown as a placeholder */
  | { type: 'other'; msgType: string }
  | { type: 'transfer_customer_service' }
  /** "success" or an empty body: WeChat shows nothing and does not retry */
  | { type: 'success' }
  | { type: 'empty' }
  | { type: 'failed'; reason: string };

export const SERVICE_UNAVAILABLE = '该公众号暂时无法提供服务，请稍后再试';
const TEXT_LIMIT_BYTES = 2048;

const envelope = z.object({ Encrypt: z.string().min(1), MsgSignature: z.string().min(1), TimeStamp: z.string().min(1), Nonce: z.string().min(1) });
const header = z.object({ ToUserName: z.string(), FromUserName: z.string(), CreateTime: z.string().regex(/^\d+$/), MsgType: z.string() });
const article = z.object({ Title: z.string().default(''), Description: z.string().default(''), PicUrl: z.string().default(''), Url: z.string().default('') });
const articles = z.object({ ArticleCount: z.string().optional(), Articles: z.object({ item: z.array(article) }) });

export interface ReplyExpectation {
  /** the resident's openid: the reply's ToUserName */
  openid: string;
  /** the account id the message was sent to: the reply's FromUserName */
  accountId: string;
  /** the request was encrypted, so the reply must be (except "success" and empty) */
  encrypted: boolean;
  crypto?: WechatCrypto;
}

export interface ParsedReply {
  reply: PassiveReply;
  /** what WeChat would object to, in words, for the developer */
  problems: string[];
}

const failed = (reason: string): ParsedReply => ({ reply: { type: 'failed', reason }, problems: [reason] });

/** Reads a 2xx answer body from the webhook. */
export function parsePassiveReply(body: string, expect: ReplyExpectation): ParsedReply {
  const trimmed = body.trim();
  if (trimmed === '') return { reply: { type: 'empty' }, problems: [] };
  if (trimmed === 'success') return { reply: { type: 'success' }, problems: [] };
  let fields: Record<string, unknown>;
  try {
    fields = parseWechatXml(trimmed);
  } catch (e) {
    return failed(`the answer is not WeChat XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  if ('Encrypt' in fields) {
    if (!expect.crypto) return failed('an encrypted answer, but no EncodingAESKey is configured');
    const env = envelope.safeParse(fields);
    if (!env.success) return failed('the encrypted answer lacks Encrypt, MsgSignature, TimeStamp or Nonce');
    const { Encrypt, MsgSignature, TimeStamp, Nonce } = env.data;
    if (!expect.crypto.verifyMsgSignature(MsgSignature, TimeStamp, Nonce, Encrypt)) return failed('the answer has a wrong MsgSignature');
    try {
      fields = parseWechatXml(expect.crypto.decrypt(Encrypt).xml);
    } catch (e) {
      return failed(`the encrypted answer does not open: ${e instanceof Error ? e.message : String(e)}`);
    }
  } else if (expect.encrypted) {
    return failed('a plaintext answer to an encrypted message (safe mode requires an encrypted reply)');
  }
  return readMessage(fields, expect);
}

function readMessage(fields: Record<string, unknown>, expect: ReplyExpectation): ParsedReply {
  const h = header.safeParse(fields);
  if (!h.success) return failed(`the reply lacks ${h.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  if (h.data.ToUserName !== expect.openid) return failed(`the reply's ToUserName ${h.data.ToUserName} is not the resident ${expect.openid}`);
  const problems: string[] = [];
  if (h.data.FromUserName !== expect.accountId) problems.push(`the reply's FromUserName ${h.data.FromUserName} is not the account ${expect.accountId}`);
  const sub = (name: string) => {
    const v = fields[name];
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  };
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  switch (h.data.MsgType) {
    case 'text': {
      const content = str(fields.Content);
      const bytes = Buffer.byteLength(content, 'utf8');
      // WeChat silently drops a longer text; the resident sees nothing
      if (bytes > TEXT_LIMIT_BYTES) return failed(`text of ${bytes} bytes exceeds WeChat's ${TEXT_LIMIT_BYTES}-byte limit (not delivered)`);
      if (content === '') return failed('an empty <Content> (reply "success" instead)');
      return { reply: { type: 'text', content }, problems };
    }
    case 'news': {
      const a = articles.safeParse(fields);
      if (!a.success || a.data.Articles.item.length === 0) return failed('a news reply without articles');
      if (a.data.Articles.item.length > 1) problems.push('more than one article: WeChat shows only one since 2018');
      const list = a.data.Articles.item.map((i): Article => ({ title: i.Title, description: i.Description, url: i.Url, ...(i.PicUrl ? { picUrl: i.PicUrl } : {}) }));
      return { reply: { type: 'news', articles: list }, problems };
    }
    case 'image': {
      const mediaId = str(sub('Image').MediaId);
      if (!mediaId) return failed('an image reply without Image/MediaId');
      return { reply: { type: 'image', mediaId }, problems };
    }
    case 'transfer_customer_service':
      return { reply: { type: 'transfer_customer_service' }, problems };
    case 'voice':
    case 'video':
    case 'music':
      return { reply: { type: 'other', msgType: h.data.MsgType }, problems };
    default:
      return failed(`unknown reply MsgType ${h.data.MsgType}`);
  }
}
