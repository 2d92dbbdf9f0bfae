import { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * Everything WeChat can post to the webhook, as one typed union. The input is the <xml> element
 * parsed with parseTagValue:false, so every leaf is a string ("007" stays "007"; a 64-bit MsgId
 * stays exact). Unknown types become { type: 'unknown' } and are answered "success".
 */
const str = z.string();
const optStr = z.string().optional();
const num = z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'must be a number').transform(Number);
const int = z.string().trim().regex(/^\d+$/, 'must be an integer').transform(Number);
/** 64-bit ids are kept as decimal strings */
const id64 = z.string().trim().regex(/^\d{1,20}$/, 'must be a decimal id');

/** unix seconds: ten digits last until the year 2286; a longer value is malformed, not a date */
const unixSeconds = z.string().trim().regex(/^\d{1,10}$/, 'must be unix seconds').transform(Number);
const header = { ToUserName: str, FromUserName: str.min(1), CreateTime: unixSeconds };

const base = (h: { ToUserName: string; FromUserName: string; CreateTime: number }) => ({ toUser: h.ToUserName, fromUser: h.FromUserName, createTime: h.CreateTime });

const text = z.object({ ...header, MsgType: z.literal('text'), Content: z.string().default(''), MsgId: id64, bizmsgmenuid: optStr }).transform((m) => ({
  ...base(m),
  type: 'text' as const,
  msgId: m.MsgId,
  content: m.Content,
  ...(m.bizmsgmenuid ? { menuId: m.bizmsgmenuid } : {}),
}));

const image = z
  .object({ ...header, MsgType: z.literal('image'), PicUrl: z.string().default(''), MediaId: str, MsgId: id64 })
  .transform((m) => ({ ...base(m), type: 'image' as const, msgId: m.MsgId, picUrl: m.PicUrl, mediaId: m.MediaId }));

const voice = z
  .object({ ...header, MsgType: z.literal('voice'), MediaId: str, Format: z.string().default(''), Recognition: optStr, MsgId: id64 })
  .transform((m) => ({
    ...base(m),
    type: 'voice' as const,
    msgId: m.MsgId,
    mediaId: m.MediaId,
    format: m.Format,
    recognition: m.Recognition ?? '',
  }));

const video = z
  .object({ ...header, MsgType: z.enum(['video', 'shortvideo']), MediaId: str, ThumbMediaId: z.string().default(''), MsgId: id64 })
  .transform((m) => ({ ...base(m), type: m.MsgType, msgId: m.MsgId, mediaId: m.MediaId, thumbMediaId: m.ThumbMediaId }));

const location = z
  .object({ ...header, MsgType: z.literal('location'), Location_X: num, Location_Y: num, Scale: num.optional(), Label: z.string().default(''), MsgId: id64 })
  .transform((m) => ({
    ...base(m),
    type: 'location' as const,
    msgId: m.MsgId,
    lat: m.Location_X,
    lng: m.Location_Y,
    scale: m.Scale ?? 0,
    label: m.Label,
  }));

const link = z
  .object({ ...header, MsgType: z.literal('link'), Title: z.string().default(''), Description: z.string().default(''), Url: z.string().default(''), MsgId: id64 })
  .transform((m) => ({
    ...base(m),
    type: 'link' as const,
    msgId: m.MsgId,
    title: m.Title,
    description: m.Description,
    url: m.Url,
  }));

const ev = <E extends string>(e: E) => ({ ...header, MsgType: z.literal('event'), Event: z.literal(e) });
/** WeChat sends event names in varying case; toInboundMessage maps them to these (see canonicalEvents) */
const eventKey = z.string().default('');

const subscribe = z.object({ ...ev('subscribe'), EventKey: eventKey, Ticket: optStr }).transform((m) => ({
  ...base(m),
  type: 'subscribe' as const,
  eventKey: m.EventKey,
  /** the QR scene when the resident followed by scanning a parametric code (qrscene_ prefix removed) */
  scene: m.EventKey.startsWith('qrscene_') ? m.EventKey.slice('qrscene_'.length) : undefined,
  ticket: m.Ticket,
}));

const unsubscribe = z.object({ ...ev('unsubscribe'), EventKey: eventKey }).transform((m) => ({ ...base(m), type: 'unsubscribe' as const }));

const scan = z.object({ ...ev('SCAN'), EventKey: eventKey, Ticket: optStr }).transform((m) => ({
  ...base(m),
  type: 'scan' as const,
  eventKey: m.EventKey,
  scene: m.EventKey,
  ticket: m.Ticket,
}));

const reportLocation = z
  .object({ ...ev('LOCATION'), Latitude: num, Longitude: num, Precision: num.optional() })
  .transform((m) => ({ ...base(m), type: 'report_location' as const, lat: m.Latitude, lng: m.Longitude, precision: m.Precision ?? 0 }));

const click = z.object({ ...ev('CLICK'), EventKey: eventKey }).transform((m) => ({ ...base(m), type: 'click' as const, eventKey: m.EventKey }));

const view = z
  .object({ ...ev('VIEW'), EventKey: eventKey, MenuId: optStr })
  .transform((m) => ({ ...base(m), type: 'view' as const, eventKey: m.EventKey, menuId: m.MenuId }));

const locationSelect = z
  .object({
    ...ev('location_select'),
    EventKey: eventKey,
    SendLocationInfo: z.object({ Location_X: num, Location_Y: num, Scale: num.optional(), Label: z.string().default(''), Poiname: z.string().default('') }),
  })
  .transform((m) => ({
    ...base(m),
    type: 'location_select' as const,
    eventKey: m.EventKey,
    lat: m.SendLocationInfo.Location_X,
    lng: m.SendLocationInfo.Location_Y,
    scale: m.SendLocationInfo.Scale ?? 0,
    label: m.SendLocationInfo.Label,
    poiname: m.SendLocationInfo.Poiname,
  }));

/** An element holding other elements reads as '' when WeChat sends it empty (<PicList></PicList>). */
const group = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const picList = group(z.object({ item: z.array(z.object({ PicMd5Sum: z.string().default('') })).default([]) }));

const pic = z
  .object({
    ...header,
    MsgType: z.literal('event'),
    Event: z.enum(['pic_sysphoto', 'pic_photo_or_album', 'pic_weixin']),
    EventKey: eventKey,
    SendPicsInfo: group(z.object({ Count: int.optional(), PicList: picList })),
  })
  .transform((m) => ({
    ...base(m),
    type: 'pic' as const,
    event: m.Event,
    eventKey: m.EventKey,
    count: m.SendPicsInfo?.Count ?? 0,
    md5s: (m.SendPicsInfo?.PicList?.item ?? []).map((i) => i.PicMd5Sum),
  }));

const scancode = z
  .object({
    ...header,
    MsgType: z.literal('event'),
    Event: z.enum(['scancode_push', 'scancode_waitmsg']),
    EventKey: eventKey,
    ScanCodeInfo: group(z.object({ ScanType: z.string().default(''), ScanResult: z.string().default('') })),
  })
  .transform((m) => ({
    ...base(m),
    type: 'scancode' as const,
    event: m.Event,
    eventKey: m.EventKey,
    scanType: m.ScanCodeInfo?.ScanType ?? '',
    scanResult: m.ScanCodeInfo?.ScanResult ?? '',
  }));

const templateFinish = z.object({ ...ev('TEMPLATESENDJOBFINISH'), MsgID: id64, Status: z.string().default('') }).transform((m) => ({
  ...base(m),
  type: 'template_finish' as const,
  /** the msgid returned by template/send */
  templateMsgId: m.MsgID,
  status: m.Status,
}));

/** Message schemas by MsgType, event schemas by canonical Event name: a message is checked against its own schema only. */
const messageSchemas = { text, image, voice, video, shortvideo: video, location, link };
const eventSchemas = {
  subscribe,
  unsubscribe,
  SCAN: scan,
  LOCATION: reportLocation,
  CLICK: click,
  VIEW: view,
  location_select: locationSelect,
  pic_sysphoto: pic,
  pic_photo_or_album: pic,
  pic_weixin: pic,
  scancode_push: scancode,
  scancode_waitmsg: scancode,
  TEMPLATESENDJOBFINISH: templateFinish,
};

type KnownSchema = (typeof messageSchemas)[keyof typeof messageSchemas] | (typeof eventSchemas)[keyof typeof eventSchemas];

export type InboundMessage =
  | z.output<KnownSchema>
  | { type: 'unknown'; toUser: string; fromUser: string; createTime: number; msgId?: string; rawType: string; raw: Record<string, unknown> };

export type InboundOf<T extends InboundMessage['type']> = Extract<InboundMessage, { type: T }>;

/** Case-insensitive event names as WeChat has sent them over the years (Subscribe, scan, click …). */
const canonicalEvents = new Map(Object.keys(eventSchemas).map((e) => [e.toLowerCase(), e as keyof typeof eventSchemas]));
const messageTypes = new Set(Object.keys(messageSchemas));

/** A message WeChat should not have sent like this. An AppError, so an uncaught one answers 400. */
export class InboundParseError extends AppError {
  constructor(message: string) {
    super('bad_request', message, { reason: 'bad_message' });
    this.name = 'InboundParseError';
  }
}

/** built once: zod compiles a schema on its first parse, so one built per message was compiled per message (59 µs → 11 µs) */
const headerSchema = z.object(header);

const describeIssues = (issues: z.core.$ZodIssue[]) =>
  [...new Set(issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`))].slice(0, 5).join('; ');

/**
 * Turns the parsed <xml> object into an InboundMessage. A known type with a missing or malformed
 * field is an InboundParseError (answered 400) naming that type's bad fields; an unknown type is
 * { type: 'unknown' }.
 */
export function toInboundMessage(xml: Record<string, unknown>): InboundMessage {
  const headerResult = headerSchema.safeParse(xml);
  if (!headerResult.success) throw new InboundParseError(`bad message header: ${describeIssues(headerResult.error.issues)}`);
  const msgType = typeof xml.MsgType === 'string' ? xml.MsgType.trim().toLowerCase() : '';
  const rawEvent = typeof xml.Event === 'string' ? xml.Event.trim() : '';
  const event = msgType === 'event' ? canonicalEvents.get(rawEvent.toLowerCase()) : undefined;
  const schema: KnownSchema | undefined =
    msgType === 'event' ? (event ? eventSchemas[event] : undefined) : messageTypes.has(msgType) ? messageSchemas[msgType as keyof typeof messageSchemas] : undefined;
  const typeName = msgType === 'event' ? `event:${event ?? rawEvent}` : msgType;

  if (schema) {
    const input = { ...xml, MsgType: msgType, ...(event ? { Event: event } : {}) };
    const r = schema.safeParse(input);
    if (r.success) return r.data;
    throw new InboundParseError(`malformed ${typeName} message: ${describeIssues(r.error.issues)}`);
  }
  const h = headerResult.data;
  const msgId = typeof xml.MsgId === 'string' && xml.MsgId.trim() ? xml.MsgId.trim() : undefined;
  return {
    type: 'unknown',
    ...base(h),
    ...(msgId ? { msgId } : {}),
    rawType: typeName,
    raw: xml,
  };
}

/**
 * The dedupe key of a delivery. Messages: MsgId plus sender (MsgId collisions between users have
 * been observed); events: sender + CreateTime + Event + EventKey, since several events can share a
 * second. EventKey comes last, so a ':' inside it (a VIEW URL) cannot make two keys collide.
 */
export function dedupeKey(msg: InboundMessage): string {
  if ('msgId' in msg && msg.msgId) return `m:${msg.toUser}:${msg.fromUser}:${msg.msgId}`;
  const name = msg.type === 'unknown' ? msg.rawType : msg.type;
  let extra = '';
  if (msg.type === 'template_finish') extra = msg.templateMsgId;
  else if (msg.type === 'unknown') extra = typeof msg.raw.EventKey === 'string' ? msg.raw.EventKey : '';
  else if ('eventKey' in msg) extra = msg.eventKey;
  return `e:${msg.toUser}:${msg.fromUser}:${msg.createTime}:${name}:${extra}`;
}
