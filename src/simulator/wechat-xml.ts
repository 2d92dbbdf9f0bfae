import { randomBytes } from 'node:crypto';
import { cdata } from '../wechat/xml.js';
import type { SimMessage } from './sim-message.js';

/**
 * The XML WeChat posts for a message or event, field for field in WeChat's order: strings in
 * CDATA, numbers bare, MsgId a 64-bit decimal (above 2^53 like the real ones).
 */
export interface XmlHeader {
  /** the account's original id (gh_…) */
  toUser: string;
  /** the resident's openid */
  fromUser: string;
  /** unix seconds */
  createTime: number;
  /** messages only (events carry none) */
  msgId?: string;
}

/** The account's original id in local mode (WeChat's ToUserName is the gh_ id, not the AppID). */
export const LOCAL_ACCOUNT_ID = 'gh_0000000000local';

/** A fresh 64-bit MsgId: always 19 digits and above 2^53, as real ones are. */
export function newMsgId(): string {
  const random = randomBytes(8).readBigUInt64BE() & ((1n << 62n) - 1n);
  return ((1n << 62n) + random).toString();
}

export function hasMsgId(msg: SimMessage): boolean {
  return msg.kind !== 'event';
}

type Field = [name: string, value: string | number | { raw: string } | Field[]];

const s = (name: string, value: string): Field => [name, value];
const n = (name: string, value: number): Field => [name, value];
/** digits written bare, beyond Number's precision (MsgId) */
const r = (name: string, digits: string): Field => [name, { raw: digits }];

function render(fields: Field[]): string {
  return fields
    .map(([name, value]) => {
      const inner = Array.isArray(value)
        ? render(value)
        : typeof value === 'number'
          ? String(value)
          : typeof value === 'object'
            ? value.raw
            : cdata(value);
      return `<${name}>${inner}</${name}>`;
    })
    .join('');
}

function bodyFields(msg: SimMessage): Field[] {
  switch (msg.kind) {
    case 'text':
      return [s('MsgType', 'text'), s('Content', msg.content), ...(msg.menuId ? [s('bizmsgmenuid', msg.menuId)] : [])];
    case 'image':
      return [s('MsgType', 'image'), s('PicUrl', msg.picUrl), s('MediaId', msg.mediaId)];
    case 'voice':
      return [s('MsgType', 'voice'), s('MediaId', msg.mediaId), s('Format', msg.format), ...(msg.recognition ? [s('Recognition', msg.recognition)] : [])];
    case 'location':
      return [s('MsgType', 'location'), n('Location_X', msg.lat), n('Location_Y', msg.lng), n('Scale', msg.scale), s('Label', msg.label)];
    case 'link':
      return [s('MsgType', 'link'), s('Title', msg.title), s('Description', msg.description), s('Url', msg.url)];
    case 'event':
      return [s('MsgType', 'event'), s('Event', msg.event), ...eventFields(msg)];
  }
}

function eventFields(msg: Extract<SimMessage, { kind: 'event' }>): Field[] {
  switch (msg.event) {
    case 'subscribe':
      return msg.scene ? [s('EventKey', `qrscene_${msg.scene}`), s('Ticket', msg.ticket ?? ticketFor(msg.scene))] : [s('EventKey', '')];
    case 'unsubscribe':
      return [s('EventKey', '')];
    case 'SCAN':
      return [s('EventKey', msg.scene), s('Ticket', msg.ticket ?? ticketFor(msg.scene))];
    case 'CLICK':
      return [s('EventKey', msg.key)];
    case 'VIEW':
      return [s('EventKey', msg.url), ...(msg.menuId ? [s('MenuId', msg.menuId)] : [])];
    case 'location_select':
      return [
        s('EventKey', msg.key),
        [
          'SendLocationInfo',
          [n('Location_X', msg.lat), n('Location_Y', msg.lng), n('Scale', msg.scale), s('Label', msg.label), s('Poiname', msg.poiname)],
        ],
      ];
    case 'scancode_push':
    case 'scancode_waitmsg':
      return [s('EventKey', msg.key), ['ScanCodeInfo', [s('ScanType', msg.scanType), s('ScanResult', msg.scanResult)]]];
    case 'LOCATION':
      return [n('Latitude', msg.lat), n('Longitude', msg.lng), n('Precision', msg.precision)];
    default:
      return [
        s('EventKey', msg.key),
        ['SendPicsInfo', [n('Count', msg.md5s.length), ['PicList', msg.md5s.map((md5): Field => ['item', [s('PicMd5Sum', md5)]])]]],
      ];
  }
}

/** The plaintext XML of one inbound message. */
export function inboundXml(msg: SimMessage, header: XmlHeader): string {
  const head: Field[] = [s('ToUserName', header.toUser), s('FromUserName', header.fromUser), n('CreateTime', header.createTime)];
  const tail: Field[] = hasMsgId(msg) && header.msgId ? [r('MsgId', header.msgId)] : [];
  return `<xml>${render([...head, ...bodyFields(msg), ...tail])}</xml>`;
}

/** A QR ticket looks like base64 of about 96 characters; a stable one per scene is enough here. */
export function ticketFor(scene: string): string {
  return `gQ${Buffer.from(`sim-qr:${scene}`).toString('base64url')}`;
}

/** The body of a safe-mode post: only the account id and the ciphertext. */
export function encryptedEnvelope(toUser: string, encrypt: string): string {
  return `<xml>${render([s('ToUserName', toUser), s('Encrypt', encrypt)])}</xml>`;
}

/** The body of a compatible-mode post: the plaintext fields and the ciphertext. */
export function compatibleEnvelope(plainXml: string, encrypt: string): string {
  return plainXml.replace(/<\/xml>$/, `${render([s('Encrypt', encrypt)])}</xml>`);
}
