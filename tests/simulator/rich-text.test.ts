import { describe, expect, it } from 'vitest';
import { parseBotText } from '../../src/simulator/page/rich-text.js';

describe('bot text on the chat page', () => {
  it('turns bizmsgmenu links into quick replies and keeps the rest as text', () => {
    const text = '请选择：\n<a href="weixin://bizmsgmenu?msgmenucontent=报修&msgmenuid=1">1 报修</a>\n<a href=\'weixin://bizmsgmenu?msgmenucontent=%E6%8F%90%E8%AE%AE&amp;msgmenuid=2\'>2 提议</a>';
    expect(parseBotText(text)).toEqual([
      { type: 'text', text: '请选择：\n' },
      { type: 'quick', label: '1 报修', content: '报修', menuId: '1' },
      { type: 'text', text: '\n' },
      { type: 'quick', label: '2 提议', content: '提议', menuId: '2' },
    ]);
  });

  it('keeps http links, and shows other schemes and stray markup as plain text', () => {
    expect(parseBotText('详见<a href="https://example.org/a?b=1">公示</a>')).toEqual([
      { type: 'text', text: '详见' },
      { type: 'link', label: '公示', href: 'https://example.org/a?b=1' },
    ]);
    expect(parseBotText('<a href="javascript:alert(1)">点我</a><b>粗</b>')).toEqual([
      { type: 'text', text: '点我' },
      { type: 'text', text: '<b>粗</b>' },
    ]);
  });
});
