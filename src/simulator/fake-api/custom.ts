import { z } from 'zod';
import { fail, ok, type FakeResult } from './answer.js';
import type { FakeKfQuota } from './kf-quota.js';

const touser = z.string().min(1);
const article = z.object({ title: z.string().min(1), description: z.string().optional(), url: z.string().optional(), picurl: z.string().optional() });

const customBody = z.discriminatedUnion('msgtype', [
  z.object({ touser, msgtype: z.literal('text'), text: z.object({ content: z.string().min(1) }) }),
  z.object({ touser, msgtype: z.literal('image'), image: z.object({ media_id: z.string().min(1) }) }),
  z.object({ touser, msgtype: z.literal('voice'), voice: z.object({ media_id: z.string().min(1) }) }),
  z.object({ touser, msgtype: z.literal('news'), news: z.object({ articles: z.array(article).min(1) }) }),
  z.object({ touser, msgtype: z.literal('msgmenu'), msgmenu: z.object({ head_content: z.string().optional(), list: z.array(z.object({ id: z.string(), content: z.string() })).min(1), tail_content: z.string().optional() }) }),
]);

const typingBody = z.object({ touser, command: z.enum(['Typing', 'CancelTyping']) });

const KNOWN_TYPES = new Set(['text', 'image', 'voice', 'video', 'music', 'news', 'mpnews', 'mpnewsarticle', 'msgmenu', 'wxcard', 'miniprogrampage']);

/** POST message/custom/send: shape checked, media ids checked, quota enforced */
export function customSend(body: unknown, quota: FakeKfQuota, hasMedia: (id: string) => boolean): FakeResult {
  const openid = typeof (body as { touser?: unknown })?.touser === 'string' ? (body as { touser: string }).touser : undefined;
  const base = { ...(openid ? { openid } : {}), recordBody: body };
  const msgtype = (body as { msgtype?: unknown })?.msgtype;
  if (typeof msgtype === 'string' && !KNOWN_TYPES.has(msgtype)) return { ...base, answer: fail(40008, 'invalid message type') };
  const parsed = customBody.safeParse(body);
  if (!parsed.success) return { ...base, answer: fail(47001, `data format error: ${parsed.error.issues[0]?.path.join('.')}`) };
  const m = parsed.data;
  if (m.msgtype === 'news' && m.news.articles.length > 1) return { ...base, answer: fail(45008, 'article size out of limit') };
  if ((m.msgtype === 'image' && !hasMedia(m.image.media_id)) || (m.msgtype === 'voice' && !hasMedia(m.voice.media_id))) {
    return { ...base, answer: fail(40007, 'invalid media_id') };
  }
  const refused = quota.consume(m.touser);
  return { ...base, answer: refused ?? ok() };
}

/** POST message/custom/typing */
export function customTyping(body: unknown, quota: FakeKfQuota): FakeResult {
  const parsed = typingBody.safeParse(body);
  if (!parsed.success) return { recordBody: body, answer: fail(47001, 'data format error') };
  return { openid: parsed.data.touser, recordBody: body, answer: quota.check(parsed.data.touser) ?? ok() };
}
