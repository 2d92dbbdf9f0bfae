import type { InboundMessage } from '../wechat/inbound.js';
import type { OutboundMessage } from '../wechat/outbound.js';

/** What a staff member reads of an inbound message in the transcript. */
export function describeInbound(msg: InboundMessage): { msgType: string; body: string; data: Record<string, unknown> } {
  switch (msg.type) {
    case 'text':
      return { msgType: 'text', body: msg.content, data: {} };
    case 'image':
      return { msgType: 'image', body: '[图片]', data: { mediaId: msg.mediaId } };
    case 'location':
      return { msgType: 'location', body: `[位置] ${msg.label}`, data: { lat: msg.lat, lng: msg.lng } };
    case 'location_select':
      return { msgType: 'location', body: `[位置] ${msg.label || msg.poiname}`, data: { lat: msg.lat, lng: msg.lng } };
    case 'voice':
      return { msgType: 'voice', body: msg.recognition ? `[语音] ${msg.recognition}` : '[语音]', data: { mediaId: msg.mediaId } };
    case 'video':
    case 'shortvideo':
      return { msgType: msg.type, body: '[视频]', data: { mediaId: msg.mediaId } };
    case 'link':
      return { msgType: 'link', body: `[链接] ${msg.title} ${msg.url}`, data: {} };
    case 'click':
      return { msgType: 'event', body: `[菜单] ${msg.eventKey}`, data: {} };
    default:
      return { msgType: 'event', body: `[${msg.type}]`, data: {} };
  }
}

/** What a staff member reads of one of the bot's replies in the transcript. */
export const describeOutbound = (m: OutboundMessage): string => (m.type === 'text' ? m.content : m.type === 'news' ? m.article.title : '[图片]');
