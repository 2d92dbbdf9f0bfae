import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitText } from '../../src/wechat/text-split.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
const graphemes = (s: string) => Array.from(new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(s), (g) => g.segment);

/** UTF-16 offsets at which a part starts (after the first). */
function cuts(parts: string[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const p of parts.slice(0, -1)) out.push((at += p.length));
  return out;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

describe('splitText', () => {
  it('returns a short text as one part and nothing for an empty text', () => {
    expect(splitText('路灯坏了')).toEqual(['路灯坏了']);
    expect(splitText('')).toEqual([]);
  });

  it('keeps a text of exactly maxBytes whole and splits one byte more', () => {
    const max = 'a'.repeat(2048);
    expect(splitText(max)).toEqual([max]);
    expect(splitText(max + 'b')).toEqual([max, 'b']);
  });

  it('never cuts a Chinese character', () => {
    const parts = splitText('民'.repeat(3000));
    expect(parts.map(bytes)).toEqual([2046, 2046, 2046, 2046, 816]);
  });

  it('never cuts an astral emoji, a ZWJ family, a flag or a skin tone', () => {
    for (const g of ['😀', '👨‍👩‍👧‍👦', '🇨🇳', '👍🏽', 'é']) {
      const text = g.repeat(Math.ceil(5000 / bytes(g)));
      const parts = splitText(text);
      expect(parts.join('')).toBe(text);
      for (const p of parts) {
        expect(bytes(p)).toBeLessThanOrEqual(2048);
        expect(p.length % g.length).toBe(0);
        expect(p.replaceAll(g, '')).toBe('');
      }
    }
  });

  it('cuts after a line break in the last quarter of the part', () => {
    const first = 'a'.repeat(1700) + '\n';
    const text = first + 'b'.repeat(1000);
    expect(splitText(text)).toEqual([first, 'b'.repeat(1000)]);
  });

  it('ignores a line break before the last quarter', () => {
    const text = 'a'.repeat(1000) + '\n' + 'b'.repeat(2000);
    const parts = splitText(text);
    expect(bytes(parts[0]!)).toBe(2048);
  });

  it('prefers a line break to a later sentence end, and a sentence end to a later comma', () => {
    const a = '甲'.repeat(560) + '\n' + '乙'.repeat(50) + '。' + '丙'.repeat(30) + '，' + '丁'.repeat(400);
    expect(splitText(a)[0]!.endsWith('\n')).toBe(true);
    const b = '甲'.repeat(560) + '。' + '乙'.repeat(50) + '，' + '丁'.repeat(400);
    expect(splitText(b)[0]!.endsWith('。')).toBe(true);
    const c = '甲'.repeat(560) + '，' + '丁'.repeat(400);
    expect(splitText(c)[0]!.endsWith('，')).toBe(true);
  });

  it.each(['。', '！', '？', '；'])('cuts after %s', (p) => {
    const text = '问'.repeat(600) + p + '答'.repeat(300);
    expect(splitText(text)[0]).toBe('问'.repeat(600) + p);
  });

  it('keeps closing quotes with the sentence they close', () => {
    const text = '说'.repeat(600) + '他说：“好的。”' + '后'.repeat(300);
    expect(splitText(text)[0]!.endsWith('好的。”')).toBe(true);
    const ellipsis = '说'.repeat(600) + '然后……' + '后'.repeat(300);
    expect(splitText(ellipsis)[0]!.endsWith('然后……')).toBe(true);
  });

  it('cuts after the space that follows an ASCII sentence end, not inside 3.5 or a domain', () => {
    const text = 'x'.repeat(1700) + ' It costs 3.5 yuan. See example.com/a.b for more' + 'y'.repeat(600);
    expect(splitText(text)[0]).toBe('x'.repeat(1700) + ' It costs 3.5 yuan. ');
    const quoted = 'x'.repeat(1700) + ' He said "done." Then' + 'y'.repeat(600);
    expect(splitText(quoted)[0]).toBe('x'.repeat(1700) + ' He said "done." ');
  });

  it('falls back to a space or comma when no sentence ends in the window', () => {
    const text = 'word '.repeat(500);
    const parts = splitText(text);
    expect(parts.join('')).toBe(text);
    for (const p of parts.slice(0, -1)) expect(p.endsWith(' ')).toBe(true);
  });

  it('breaks a grapheme into code points only when it alone is over the limit', () => {
    const zalgo = 'e' + '\u0301'.repeat(2000); // one grapheme of 4001 bytes
    const parts = splitText(zalgo + '好', 2048);
    expect(parts.join('')).toBe(zalgo + '好');
    for (const p of parts) expect(bytes(p)).toBeLessThanOrEqual(2048);
  });

  it('segments long texts correctly across its internal windows (flags pair up, families stay whole)', () => {
    for (const text of ['a' + '🇨🇳🇺🇳'.repeat(400), 'x' + '👨‍👩‍👧‍👦'.repeat(300), '路'.repeat(127) + 'e\u0301'.repeat(200), '民生。\n'.repeat(5000)]) {
      const whole = new Set<number>();
      let at = 0;
      for (const g of graphemes(text)) whole.add((at += g.length));
      for (const max of [25, 30, 64, 2048]) {
        const parts = splitText(text, max);
        expect(parts.join('')).toBe(text);
        for (const c of cuts(parts)) expect(whole.has(c)).toBe(true);
      }
    }
  });

  it('respects a custom limit', () => {
    expect(splitText('一二三四五六七', 9)).toEqual(['一二三', '四五六', '七']);
    expect(splitText('😀😀😀', 4)).toEqual(['😀', '😀', '😀']);
  });

  it('refuses a limit below one code point', () => {
    expect(() => splitText('abc', 3)).toThrow(RangeError);
    expect(() => splitText('abc', 4.5)).toThrow(RangeError);
  });

  describe('properties', () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 120 }),
      fc
        .array(
          fc.constantFrom('路', '灯', '。', '！', '？', '；', '\n', '\r\n', '，', ' ', '.', 'a', '😀', '👨‍👩‍👧', '🇨🇳', '👍🏽', 'é', '”', '\uD83D', '\uDE00', '\u0301'),
          { maxLength: 200 },
        )
        .map((a) => a.join('')),
    );
    const limit = fc.integer({ min: 4, max: 80 });

    it('parts rejoin to the input exactly, are non-empty and within the limit', () => {
      fc.assert(
        fc.property(anyText, limit, (text, max) => {
          const parts = splitText(text, max);
          expect(parts.join('')).toBe(text);
          for (const p of parts) {
            expect(p.length).toBeGreaterThan(0);
            expect(bytes(p)).toBeLessThanOrEqual(max);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('never separates the two halves of a surrogate pair', () => {
      fc.assert(
        fc.property(anyText, limit, (text, max) => {
          for (const at of cuts(splitText(text, max))) {
            expect(isHigh(text.charCodeAt(at - 1)) && isLow(text.charCodeAt(at))).toBe(false);
          }
        }),
        { numRuns: 500 },
      );
    });

    it('cuts only between graphemes in long texts too', () => {
      const long = fc
        .array(fc.constantFrom('路', '🇨🇳', '👨‍👩‍👧', '👍🏽', 'é', '\u0301', '\u200d', 'a', '\n', '。', '\uD83D'), { minLength: 60, maxLength: 250 })
        .map((a) => a.join(''));
      fc.assert(
        fc.property(long, fc.integer({ min: 30, max: 200 }), (text, max) => {
          const gs = graphemes(text);
          fc.pre(gs.every((g) => bytes(g) <= max));
          const boundaries = new Set<number>();
          let at = 0;
          for (const g of gs) boundaries.add((at += g.length));
          for (const c of cuts(splitText(text, max))) expect(boundaries.has(c)).toBe(true);
        }),
        { numRuns: 150 },
      );
    });

    it('cuts only between graphemes when every grapheme fits', () => {
      fc.assert(
        fc.property(anyText, limit, (text, max) => {
          const gs = graphemes(text);
          fc.pre(gs.every((g) => bytes(g) <= max));
          const boundaries = new Set<number>();
          let at = 0;
          for (const g of gs) boundaries.add((at += g.length));
          for (const c of cuts(splitText(text, max))) expect(boundaries.has(c)).toBe(true);
        }),
        { numRuns: 500 },
      );
    });

    it('fills every part but the last to at least three quarters (or as far as the next code point allows)', () => {
      const simple = fc
        .array(fc.constantFrom('路', 'a', '。', '\n', ' ', '，', '😀', 'ß'), { minLength: 1, maxLength: 300 })
        .map((a) => a.join(''));
      fc.assert(
        fc.property(simple, limit, (text, max) => {
          const parts = splitText(text, max);
          for (const p of parts.slice(0, -1)) expect(bytes(p)).toBeGreaterThanOrEqual(Math.min(Math.ceil(max * 0.75), max - 3));
        }),
        { numRuns: 500 },
      );
    });
  });
});
