import { describe, expect, it } from 'vitest';
import { stripInvisible, stripInvisibleDeep } from '../../src/civic/text.js';

describe('stripInvisible', () => {
  const invisible = [
    ...[0x202a, 0x202b, 0x202c, 0x202d, 0x202e], // embeddings, overrides, pop
    ...[0x2066, 0x2067, 0x2068, 0x2069], // isolates
    ...[0x200e, 0x200f, 0x061c], // LRM, RLM, ALM
    ...[0x200b, 0x200c, 0x200d, 0x2060, 0xfeff], // zero-width space, non-joiner, joiner, word joiner, BOM
  ].map((c) => String.fromCodePoint(c));

  it('drops every bidi control and zero-width character, one by one', () => {
    for (const ch of invisible) expect(stripInvisible(`路灯${ch}不亮`), ch.codePointAt(0)!.toString(16)).toBe('路灯不亮');
  });

  it('keeps what residents mean: Chinese, punctuation, emoji, accents, spaces and newlines', () => {
    const text = '3栋502门口，路灯坏了！\n电话 138 1234 5678 👍 éè';
    expect(stripInvisible(text)).toBe(text);
  });

  it('reaches every string inside an input, leaving numbers and nested shapes as they are', () => {
    expect(stripInvisibleDeep({ a: `x\u202Ey`, n: 3, list: [`\u200Bz`, { b: `\uFEFFw` }], no: null })).toEqual({ a: 'xy', n: 3, list: ['z', { b: 'w' }], no: null });
  });
});
