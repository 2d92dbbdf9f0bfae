import type { Input } from '../engine/input.js';
import type { InboundMessage } from '../wechat/inbound.js';

/** What the resident typed, as the bot reads it: a text, a menu click's key, a voice message WeChat recognised. */
export function typedText(msg: InboundMessage): { raw: string; via: 'keyword' | 'menu' } | undefined {
  if (msg.type === 'text') return { raw: msg.content, via: 'keyword' };
  if (msg.type === 'click') return { raw: msg.eventKey, via: 'menu' };
  if (msg.type === 'voice' && msg.recognition) return { raw: msg.recognition, via: 'keyword' };
  return undefined;
}

/** A message that is neither typed text nor a photo, as a flow's input: a location, or something it cannot read. */
export function otherInput(msg: InboundMessage): Input | undefined {
  switch (msg.type) {
    case 'location':
      return { type: 'location', lat: msg.lat, lng: msg.lng, label: msg.label };
    case 'location_select':
      return { type: 'location', lat: msg.lat, lng: msg.lng, label: msg.label || msg.poiname };
    case 'voice':
      return msg.recognition ? undefined : { type: 'other', kind: 'voice' };
    case 'video':
    case 'shortvideo':
    case 'link':
      return { type: 'other', kind: msg.type };
    default:
      return undefined;
  }
}
