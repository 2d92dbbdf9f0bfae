import { describe, expect, it } from 'vitest';
import { parseBindingInput } from '../../src/intent/binding-words.js';
import { normaliseMobile } from '../../src/civic/phone-binding.js';

/** 绑定手机号: what residents type, as the bot reads it (issue 15: 「绑定 手机号」, 「绑定 13800138000」, 「验证码 123456」). */
describe('the words of 绑定手机号', () => {
  it.each([
    ['绑定 手机号', { type: 'bind_usage' }],
    ['绑定', { type: 'bind_usage' }],
    ['绑定手机', { type: 'bind_usage' }],
    ['绑定 13800138000', { type: 'bind', phone: '13800138000' }],
    ['绑定13800138000', { type: 'bind', phone: '13800138000' }],
    ['绑定手机号 138-0013-8000', { type: 'bind', phone: '13800138000' }],
    ['绑定 +86 13800138000', { type: 'bind', phone: '+8613800138000' }],
    ['绑定 １３８００１３８０００', { type: 'bind', phone: '13800138000' }],
    ['验证码 123456', { type: 'code', code: '123456' }],
    ['验证码是123456', { type: 'code', code: '123456' }],
    ['123456', { type: 'bare_code', code: '123456' }],
  ] as const)('%s', (text, expected) => {
    expect(parseBindingInput(text)).toEqual(expected);
  });

  it.each(['我想绑定我家的宽带账号然后再说', '验证码 12345', '12345', '1234567', '路灯坏了'])('is not 绑定: %s', (text) => {
    expect(parseBindingInput(text)).toBeNull();
  });

  it('keeps a mainland mobile as 11 digits, and nothing else', () => {
    expect(normaliseMobile('+86 138 0013 8000')).toBe('13800138000');
    expect(normaliseMobile('8613800138000')).toBe('13800138000');
    expect(normaliseMobile('12345')).toBeUndefined();
    expect(normaliseMobile('0755-26601234')).toBeUndefined();
  });
});
