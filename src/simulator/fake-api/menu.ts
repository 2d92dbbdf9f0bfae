import { fail, ok, type FakeAnswer } from './answer.js';

const EVENT_TYPES = new Set(['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select']);
const TYPES = new Set([...EVENT_TYPES, 'view', 'miniprogram', 'media_id', 'article_id', 'article_view_limited']);

type Btn = Record<string, unknown>;
const bytes = (v: unknown) => (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : -1);

/** WeChat's checks on one button; `sub` selects the sub-button error codes */
function checkButton(b: Btn, sub: boolean): FakeAnswer | null {
  const type = b.type;
  if (typeof type !== 'string' || !TYPES.has(type)) return sub ? fail(40024, 'invalid sub button type') : fail(40017, 'invalid button type');
  const nameLen = bytes(b.name);
  if (nameLen < 1 || nameLen > (sub ? 60 : 16)) return sub ? fail(40025, 'invalid sub button name size') : fail(40018, 'invalid button name size');
  if (EVENT_TYPES.has(type)) {
    const k = bytes(b.key);
    if (k < 1 || k > 128) return sub ? fail(40026, 'invalid sub button key size') : fail(40019, 'invalid button key size');
  }
  if (type === 'view' || type === 'miniprogram') {
    const u = bytes(b.url);
    if (u < 1 || u > 1024 || !/^https?:\/\//.test(String(b.url))) return sub ? fail(40027, 'invalid sub button url size') : fail(40020, 'invalid button url size');
  }
  return null;
}

/** POST menu/create: validates like WeChat and returns the accepted menu */
export function validateMenu(body: unknown): { answer: FakeAnswer; menu?: unknown } {
  const buttons = (body as { button?: unknown })?.button;
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) return { answer: fail(40016, 'invalid button size') };
  for (const b of buttons as Btn[]) {
    if (b === null || typeof b !== 'object') return { answer: fail(40017, 'invalid button type') };
    if ('sub_button' in b && Array.isArray(b.sub_button) && b.sub_button.length > 0) {
      const nameLen = bytes(b.name);
      if (nameLen < 1 || nameLen > 16) return { answer: fail(40018, 'invalid button name size') };
      if (b.sub_button.length > 5) return { answer: fail(40023, 'invalid sub button size') };
      for (const s of b.sub_button as Btn[]) {
        const bad = s !== null && typeof s === 'object' ? checkButton(s, true) : fail(40024, 'invalid sub button type');
        if (bad) return { answer: bad };
      }
    } else {
      const bad = checkButton(b, false);
      if (bad) return { answer: bad };
    }
  }
  return { answer: ok(), menu: body };
}
