import { describe, expect, it } from 'vitest';
import { date, dateTime, tapsAsText } from '../../src/console/web/src/format.js';

describe('console dates', () => {
  it('are shown in Beijing time whatever zone the computer is set to', () => {
    // the dashboard's period starts at Beijing midnight on 1 January: 16:00 UTC the day before
    expect(date('2025-12-31T16:00:00.000Z')).toBe('2026-01-01');
    expect(dateTime('2026-03-01T01:30:00.000Z')).toBe('2026-03-01 09:30');
    expect(date(null)).toBe('—');
  });
});

describe('the transcript', () => {
  it('shows the bot\'s taps as the labels the resident read, and other links as written', () => {
    const sent =
      '您有一条未完成的报修，要接着填写吗？\n<a href="weixin://bizmsgmenu?msgmenucontent=继续填写&msgmenuid=1">1 继续填写</a>\n<a href="weixin://bizmsgmenu?msgmenucontent=重新开始&msgmenuid=2">2 重新开始</a>';
    expect(tapsAsText(sent)).toBe('您有一条未完成的报修，要接着填写吗？\n1 继续填写\n2 重新开始');
    const other = '<a href="http://evil.example/x">领补贴</a>';
    expect(tapsAsText(other)).toBe(other);
  });
});
