import { gcj02ToWgs84 } from '../geo/gcj02.js';
import type { Input } from '../engine/input.js';
import type { InboundMessage } from '../wechat/inbound.js';

/**
 * A shared location as flows and cases hold it: WGS-84 (GPS). WeChat's location message and the
 * location_select event send GCJ-02 (Tencent's datum, a few hundred metres off GPS in China); the
 * point is converted here, once, as it arrives (src/geo/gcj02.ts, as the console's map does), so cases, the map of communities
 * (config/communities.yaml) and the console's map all speak one datum.
 */
export function sharedLocation(msg: Extract<InboundMessage, { type: 'location' | 'location_select' }>): { lat: number; lng: number; label: string } {
  const { lat, lng } = gcj02ToWgs84({ lat: msg.lat, lng: msg.lng });
  return { lat, lng, label: msg.type === 'location_select' ? msg.label || msg.poiname : msg.label };
}

/** What the resident typed, as the bot reads it: a text, a menu click's key, a voice message WeChat recognised. */
export function typedText(msg: InboundMessage): { raw: string; via: 'keyword' | 'menu' } | undefined {
  if (msg.type === 'text') return { raw: msg.content, via: 'keyword' };
  if (msg.type === 'click') return { raw: msg.eventKey, via: 'menu' };
  if (msg.type === 'voice' && msg.recognition) return { raw: msg.recognition, via: 'keyword' };
  return undefined;
}

/** A message that is neither typed text nor a photo, as a flow's input: a location, a voice (with its words when heard), or something it cannot read. */
export function otherInput(msg: InboundMessage): Input | undefined {
  switch (msg.type) {
    case 'location':
    case 'location_select':
      return { type: 'location', ...sharedLocation(msg) };
    case 'voice':
      return { type: 'voice', mediaId: msg.mediaId, ...(msg.recognition.trim() ? { transcript: msg.recognition.trim() } : {}) };
    case 'video':
    case 'shortvideo':
    case 'link':
      return { type: 'other', kind: msg.type };
    default:
      return undefined;
  }
}
