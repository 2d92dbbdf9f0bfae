import { z } from 'zod';

/**
 * `reply`: text the resident reads. A sprint emits at most one, just before its `wait` or
 * `flow_ended`, so the runtime can send it as the free passive reply. Choice options are rendered
 * as `<a href="weixin://bizmsgmenu?…">` links with their numbers; a channel without links strips
 * the tags.
 *
 * ```json
 * { "type": "reply", "text": "请简单描述一下问题，比如：3栋门口的路灯晚上不亮。" }
 * ```
 */
export const replyEvent = z.object({ type: z.literal('reply'), text: z.string().min(1) });
export type ReplyEvent = z.infer<typeof replyEvent>;
export const example: ReplyEvent = { type: 'reply', text: '请简单描述一下问题，比如：3栋门口的路灯晚上不亮。' };
