import { describe, expect, it } from 'vitest';
import { formatTextSpec, formatTextsFile } from '../../src/texts/format-texts.js';
import { chinaYear, formatDate, formatMoney } from '../../src/texts/format.js';
import { checkTextFile } from '../../src/texts/text-spec.js';

/** dates and money as residents read them, from flows/formats.zh-CN.yaml */
describe('formats', () => {
  it('the file is complete', () => {
    expect(checkTextFile(formatTextSpec, formatTextsFile).problems).toEqual([]);
  });

  it('money: yuan below 10,000, 万元 above, 待定 when there is none', () => {
    expect(formatMoney(350_000)).toBe('3,500元');
    expect(formatMoney(12_345)).toBe('123.45元');
    expect(formatMoney(2_500_000)).toBe('2.5万元');
    expect(formatMoney(1_000_000)).toBe('1万元');
    expect(formatMoney(120_000_000)).toBe('120万元');
    expect(formatMoney(123_456_789)).toBe('123万元');
    expect(formatMoney(0)).toBe('0元');
    expect(formatMoney(null)).toBe('待定');
    expect(formatMoney(undefined)).toBe('待定');
  });

  it('dates in China time, with the year only when it is not this year', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    expect(formatDate(new Date('2026-03-02T02:00:00Z'), now)).toBe('3月2日');
    // 16:30 UTC on 31 Dec is already 1 January in China
    expect(formatDate(new Date('2025-12-31T16:30:00Z'), now)).toBe('1月1日');
    expect(formatDate(new Date('2025-12-31T15:00:00Z'), now)).toBe('2025年12月31日');
    expect(chinaYear(new Date('2025-12-31T16:30:00Z'))).toBe(2026);
  });
});
