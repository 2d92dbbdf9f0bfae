import { describe, expect, it } from 'vitest';
import { parseObjection } from '../../src/intent/objection-command.js';

describe('异议 N + reason', () => {
  it.each([
    ['异议 12 这个位置会挡住消防通道', { caseId: 12, reason: '这个位置会挡住消防通道' }],
    ['异议12，太吵了', { caseId: 12, reason: '太吵了' }],
    ['我要提异议 #12：太吵', { caseId: 12, reason: '太吵' }],
    ['异议 12', { caseId: 12 }],
    ['异议１２号', { caseId: 12 }],
    ['公示异议 第7号 ', { caseId: 7 }],
  ])('%s', (text, expected) => {
    expect(parseObjection(text)).toEqual(expected);
  });

  it.each(['我对这个有异议', '异议', '异议 0', '异议 99999999999', '没有异议 12'])('%s is not one', (text) => {
    expect(parseObjection(text)).toBeNull();
  });
});
