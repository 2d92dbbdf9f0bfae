import { compactText } from './normalise.js';

/**
 * 绑定手机号: what a resident types to confirm their phone number (src/runtime/responders/phone-binding.ts).
 * - 「绑定 13800138000」 (or 绑定手机号 13800138000, 绑定电话 138-0013-8000): bind that number;
 * - 「绑定」 / 「绑定 手机号」 alone, or 绑定 with something that is not a number: how to do it;
 * - 「验证码 123456」: the code; a bare 123456 is the code only while one is waiting (the responder decides).
 */
export type BindingInput =
  | { type: 'bind'; phone: string }
  | { type: 'bind_usage' }
  | { type: 'code'; code: string }
  | { type: 'bare_code'; code: string };

const BIND_WORDS = ['绑定手机号码', '绑定手机号', '绑定手机', '绑定电话', '绑定号码', '绑定'] as const;
/** the placeholder of the help text typed as it is: 「绑定 手机号」 */
const PLACEHOLDERS = ['手机号码', '手机号', '手机', '电话', '号码'] as const;
const CODE_WORDS = ['验证码', '校验码'] as const;

export function parseBindingInput(text: string): BindingInput | null {
  // the number's own + (+86) is kept; every other space, mark or symbol goes
  const core = compactText(text.replace(/\+/g, 'plus')).replace(/plus/g, '+');
  if (/^\d{6}$/.test(core)) return { type: 'bare_code', code: core };
  for (const w of CODE_WORDS) {
    if (!core.startsWith(w)) continue;
    const rest = core.slice(w.length).replace(/^(?:是|为)/, '');
    return /^\d{6}$/.test(rest) ? { type: 'code', code: rest } : null;
  }
  for (const w of BIND_WORDS) {
    if (!core.startsWith(w)) continue;
    const rest = core.slice(w.length);
    if (rest === '' || (PLACEHOLDERS as readonly string[]).includes(rest)) return { type: 'bind_usage' };
    // a number (maybe +86 first): the responder checks it is a mobile number
    if (/^\+?\d{5,15}$/.test(rest)) return { type: 'bind', phone: rest };
    return rest.length <= 6 ? { type: 'bind_usage' } : null;
  }
  return null;
}
