import { describe, expect, it } from 'vitest';
import { neutralise, stripInvisible, stripInvisibleDeep } from '../../src/civic/text.js';

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

describe('neutralise: a resident text that is shown to others holds no markup and no link', () => {
  const cases: [string, string][] = [
    ['<a href="http://evil.example/x">领补贴</a>', '＜a href="http[:]//evil[.]example/x"＞领补贴＜/a＞'],
    ['点这里 https://www.gov-help.cn/apply?id=1 领取', '点这里 https[:]//www[.]gov-help[.]cn/apply?id=1 领取'],
    ['加微信领红包www.hongbao.com', '加微信领红包www[.]hongbao[.]com'],
    ['访问evil.example领取', '访问evil[.]example领取'],
    ['打开 10.0.0.1/login', '打开 10[.]0[.]0[.]1/login'],
    ['weixin://dl/business', 'weixin[:]//dl/business'],
    ['A&B 物业 &lt;b&gt;', 'A＆B 物业 ＆lt;b＆gt;'],
    // left as residents wrote them: no host names there
    ['路面塌了3.5米宽，第2.0版方案', '路面塌了3.5米宽，第2.0版方案'],
    ['3栋502门口 e.g 路灯 v2.0', '3栋502门口 e.g 路灯 v2.0'],
    ['电话13812345678', '电话13812345678'],
  ];
  it.each(cases)('%s', (input, shown) => {
    expect(neutralise(input)).toBe(shown);
  });

  it('leaves nothing a linkifier would take: no scheme, no dotted host, no tag', () => {
    for (const [input] of cases) {
      const out = neutralise(input);
      expect(out).not.toMatch(/<|>|:\/\//);
      expect(out).not.toMatch(/[A-Za-z0-9-]\.[A-Za-z]{2,}(?![A-Za-z0-9-])/);
    }
  });
});
