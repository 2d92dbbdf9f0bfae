import { z } from 'zod';

/**
 * One thing a resident's phone makes WeChat post to the webhook: a message or an event. The shape
 * is the simulator's own (camelCase); wechat-xml.ts turns it into the XML WeChat really sends.
 * The schemas double as the parser of the /sim/send body.
 */
export const openidSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an openid is 1 to 64 letters, digits, _ or -');

export const lat = z.number().min(-90).max(90);
export const lng = z.number().min(-180).max(180);
export const key = z.string().max(128).default('');
export const label = z.string().max(200).default('');

export const picEvents = ['pic_photo_or_album', 'pic_sysphoto', 'pic_weixin'] as const;
export type PicEvent = (typeof picEvents)[number];

/** every event but the pic_* ones, whose /sim/send input differs (see send-input.ts) */
export const plainEventOptions = [
  /** follow; scene set when the resident followed by scanning a parametric QR code */
  z.object({ kind: z.literal('event'), event: z.literal('subscribe'), scene: z.string().min(1).max(64).optional(), ticket: z.string().max(200).optional() }),
  z.object({ kind: z.literal('event'), event: z.literal('unsubscribe') }),
  /** an already-following resident scans a parametric QR code */
  z.object({ kind: z.literal('event'), event: z.literal('SCAN'), scene: z.string().min(1).max(64), ticket: z.string().max(200).optional() }),
  z.object({ kind: z.literal('event'), event: z.literal('CLICK'), key: z.string().min(1).max(128) }),
  z.object({ kind: z.literal('event'), event: z.literal('VIEW'), url: z.string().min(1).max(1000), menuId: z.string().max(32).optional() }),
  z.object({
    kind: z.literal('event'),
    event: z.literal('location_select'),
    key,
    lat,
    lng,
    scale: z.number().int().min(0).max(30).default(15),
    label,
    poiname: label,
  }),
  z.object({
    kind: z.literal('event'),
    event: z.enum(['scancode_push', 'scancode_waitmsg']),
    key,
    scanType: z.string().max(32).default('qrcode'),
    scanResult: z.string().max(1000).default(''),
  }),
  /** the periodic location report (when the resident allowed it) */
  z.object({ kind: z.literal('event'), event: z.literal('LOCATION'), lat, lng, precision: z.number().min(0).default(65) }),
] as const;

export const picEventSchema = z.object({ kind: z.literal('event'), event: z.enum(picEvents), key, md5s: z.array(z.string().max(64)).max(9).default([]) });

export const eventSchema = z.discriminatedUnion('event', [...plainEventOptions, picEventSchema]);

/** menuId: set when the text comes from a tapped quick reply (bizmsgmenu) */
export const textSchema = z.object({ kind: z.literal('text'), content: z.string().min(1).max(2000), menuId: z.string().max(64).optional() });
export const locationSchema = z.object({ kind: z.literal('location'), lat, lng, scale: z.number().int().min(0).max(30).default(15), label });
export const linkSchema = z.object({
  kind: z.literal('link'),
  title: z.string().max(200),
  description: z.string().max(500).default(''),
  url: z.string().min(1).max(1000),
});

/** recognition: what WeChat's own speech recognition heard (empty for most accounts now) */
export const recognition = z.string().max(2000).default('');

export const simMessageSchema = z.discriminatedUnion('kind', [
  textSchema,
  z.object({ kind: z.literal('image'), mediaId: z.string().min(1).max(128), picUrl: z.string().max(1000) }),
  z.object({ kind: z.literal('voice'), mediaId: z.string().min(1).max(128), format: z.literal('amr').default('amr'), recognition }),
  locationSchema,
  linkSchema,
  eventSchema,
]);

export type SimMessage = z.output<typeof simMessageSchema>;
export type SimEvent = z.output<typeof eventSchema>;

/** What the message does to the customer-service quota (WeChat's table, b.9); undefined: nothing. */
export type InboundKind = 'message' | 'menu_click' | 'follow' | 'scan';

export function quotaKind(msg: SimMessage): InboundKind | undefined {
  if (msg.kind !== 'event') return 'message';
  switch (msg.event) {
    case 'subscribe':
      return 'follow';
    case 'SCAN':
      return 'scan';
    case 'CLICK':
    case 'scancode_push':
    case 'scancode_waitmsg':
      return 'menu_click';
    default:
      return undefined;
  }
}

/** A short human description, for the terminal and logs. */
export function describe(msg: SimMessage): string {
  switch (msg.kind) {
    case 'text':
      return msg.content;
    case 'image':
      return `[图片 ${msg.mediaId.slice(0, 8)}…]`;
    case 'voice':
      return msg.recognition ? `[语音 ${msg.recognition}]` : `[语音 ${msg.mediaId.slice(0, 8)}…]`;
    case 'location':
      return `[位置 ${msg.label || ''} ${msg.lat},${msg.lng}]`;
    case 'link':
      return `[链接 ${msg.title} ${msg.url}]`;
    case 'event':
      switch (msg.event) {
        case 'subscribe':
          return msg.scene ? `[关注 扫码 ${msg.scene}]` : '[关注]';
        case 'unsubscribe':
          return '[取消关注]';
        case 'SCAN':
          return `[扫码 ${msg.scene}]`;
        case 'CLICK':
          return `[菜单 ${msg.key}]`;
        case 'VIEW':
          return `[打开网页 ${msg.url}]`;
        case 'location_select':
          return `[菜单 ${msg.key} 选择位置 ${msg.label}]`;
        case 'LOCATION':
          return `[上报位置 ${msg.lat},${msg.lng}]`;
        case 'scancode_push':
        case 'scancode_waitmsg':
          return `[菜单 ${msg.key} 扫一扫 ${msg.scanResult}]`;
        default:
          return `[菜单 ${msg.key} 发图 ${msg.md5s.length} 张]`;
      }
  }
}
