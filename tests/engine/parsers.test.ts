import { describe, expect, it } from 'vitest';
import { matchOption, numbered, optionNumber } from '../../src/engine/match-option.js';
import { menuLink, renderOptions } from '../../src/engine/menu-link.js';
import { isWord, normalize } from '../../src/engine/normalize.js';
import { parseMoney } from '../../src/engine/parse-money.js';
import { parsePhone } from '../../src/engine/parse-phone.js';
import { fill, getPath, placeholders, render } from '../../src/engine/template.js';

describe('parseMoney: whole yuan as residents type it', () => {
  it.each([
    ['20000', 20000],
    ['2万', 20000],
    ['2.5万', 25000],
    ['5000元', 5000],
    ['5千', 5000],
    ['1w', 10000],
    ['20,000', 20000],
    ['２万元', 20000],
    ['大概2万左右', 20000],
    ['大概两万块吧', 20000],
    ['估计要三千五左右', 3500],
    ['差不多5000元的样子', 5000],
    ['两万块钱吧。', 20000],
    ['两万', 20000],
    ['两万五', 25000],
    ['一万二', 12000],
    ['三千五', 3500],
    ['一千二百', 1200],
    ['十五万', 150000],
    ['一百二十万', 1200000],
    ['一万零五百', 10500],
    ['1万5', 15000],
    ['两万块', 20000],
  ])('%s → %d', (text, yuan) => expect(parseMoney(text)).toBe(yuan));

  it.each(['很多钱', '不知道', '1-2万', '', '2万3万', 'abc'])('%s → nothing', (text) => expect(parseMoney(text)).toBeUndefined());
});

describe('parsePhone', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['0755-26612345', '0755-26612345'],
    ['(0755)2661 2345', '0755-26612345'],
    ['010-62345678', '010-62345678'],
    ['26612345', '26612345'],
  ])('%s → %s', (text, phone) => expect(parsePhone(text)).toBe(phone));

  it.each(['abcdefghijkl', '12812345678', '1381234567', '138123456789', '12345', '电话'])('%s → nothing', (text) =>
    expect(parsePhone(text)).toBeUndefined(),
  );
});

describe('matchOption', () => {
  const options = numbered([
    { label: '路灯照明', synonyms: ['路灯', '灯'] },
    { label: '道路设施', synonyms: ['道路', '坑'] },
    { label: '排水井盖', synonyms: ['井盖'] },
  ]);
  it.each([
    ['1', 1],
    ['１', 1],
    [' 2。', 2],
    ['第3个', 3],
    ['二', 2],
    ['路灯照明', 1],
    ['灯', 1],
    ['路灯坏了', 1],
    ['井盖', 3],
    ['排水', 3],
  ])('%s → option %d', (text, n) => expect(matchOption(options, text)?.number).toBe(n));

  it.each(['4', '哈哈', '路灯和井盖都坏了', ''])('%s → none', (text) => expect(matchOption(options, text)).toBeUndefined());

  it('reads option numbers', () => {
    expect(optionNumber('选2')).toBe(2);
    expect(optionNumber('两')).toBe(2);
    expect(optionNumber('12a')).toBeUndefined();
  });
});

describe('menu links', () => {
  it('renders each option as a tappable link that sends its label, with the number shown', () => {
    expect(renderOptions([{ number: 1, label: '提交' }])).toBe('<a href="weixin://bizmsgmenu?msgmenucontent=提交&msgmenuid=1">1 提交</a>');
    expect(renderOptions([{ number: 1, label: '提交' }], false)).toBe('1 提交');
  });
  it('drops characters that would break the link', () => {
    expect(menuLink('a&b="c"', 2, '<x>')).toBe('<a href="weixin://bizmsgmenu?msgmenucontent=abc&msgmenuid=2">x</a>');
  });
});

describe('normalize and words', () => {
  it('folds width, case, spaces and edge punctuation', () => {
    expect(normalize(' ＯＫ！ ')).toBe('ok');
    expect(normalize('好 了。')).toBe('好了');
    expect(isWord('跳过！', ['跳过'])).toBe(true);
    expect(isWord('不跳过', ['跳过'])).toBe(false);
    expect(isWord('', [''])).toBe(false);
  });
});

describe('template', () => {
  it('renders {{slot}} and {{path.0.field}}; unknown placeholders become empty', () => {
    expect(render('类别：{{ category }}，#{{dups.0.id}}{{x}}', (p) => (p === 'x' ? undefined : `<${p}>`))).toBe('类别：<category>，#<dups.0.id>');
    expect(fill('还可以再发 {{left}} 张', { left: 2 })).toBe('还可以再发 2 张');
    expect(placeholders('{{a}} {{b.c}} {{ d }}')).toEqual(['a', 'b.c', 'd']);
    expect(getPath([{ id: 123 }], ['0', 'id'])).toBe(123);
    expect(getPath({ a: null }, ['a', 'b'])).toBeUndefined();
  });
});
