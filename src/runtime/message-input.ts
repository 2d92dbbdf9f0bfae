import gcoordModule from 'gcoord';
import type { Input } from '../engine/input.js';
import type { InboundMessage } from '../wechat/inbound.js';

// gcoord is CommonJS typed as `export default`: Node's default import is module.exports itself, the object the types call default
const gcoord = gcoordModule as unknown as (typeof gcoordModule)['default'];

/**
 * A shared location as flows and cases hold it: WGS-84 (GPS). WeChat's location message and the
 * location_select event send GCJ-02 (Tencent's datum, a few hundred metres off GPS in China); the
 * point is converted here, once, as it arrives (gcoord), so cases, the map of communities
 * (config/communities.yaml) and the console's map all speak one datum.
 */
export function sharedLocation(msg: Extract<InboundMessage, { type: 'location' | 'location_select' }>): { lat: number; lng: number; label: string } {
  const [lng, lat] = gcj02ToWgs84(msg.lng, msg.lat);
  return { lat, lng, label: msg.type === 'location_select' ? msg.label || msg.poiname : msg.label };
}

/**
 * GCJ-02 to WGS-84 by gcoord's own iteration (WGS-84 → GCJ-02 is exact; the way back is found by
 * stepping), but with a bound: gcoord's loop has none, and a point near the edge of its China box
 * (0.83° N, say) steps in and out of the box for ever, which would hang the process on one
 * resident's location. Eight steps reach well under a metre anywhere in China.
 */
export function gcj02ToWgs84(lng: number, lat: number): [number, number] {
  let [wLng, wLat] = [lng, lat];
  for (let i = 0; i < 30; i++) {
    const [gLng, gLat] = gcoord.transform([wLng, wLat], gcoord.WGS84, gcoord.GCJ02);
    const dLng = gLng - lng;
    const dLat = gLat - lat;
    if (Math.abs(dLng) <= 1e-7 && Math.abs(dLat) <= 1e-7) break;
    wLng -= dLng;
    wLat -= dLat;
  }
  return [wLng, wLat];
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
