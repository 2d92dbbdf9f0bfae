import { describe, expect, it } from 'vitest';
import { parseSurvey } from '../../src/intent/survey-command.js';

describe('满意 N / 基本满意 N / 不满意 N 理由', () => {
  it('reads the answer, the case and the words after it', () => {
    expect(parseSurvey('满意 12')).toEqual({ caseId: 12, answer: 'satisfied' });
    expect(parseSurvey('非常满意#12')).toEqual({ caseId: 12, answer: 'satisfied' });
    expect(parseSurvey('基本满意 １２')).toEqual({ caseId: 12, answer: 'fair' });
    expect(parseSurvey('不满意 12 路灯太暗')).toEqual({ caseId: 12, answer: 'dissatisfied', words: '路灯太暗' });
    expect(parseSurvey('不满意12号：东头还有一段没装')).toEqual({ caseId: 12, answer: 'dissatisfied', words: '东头还有一段没装' });
  });
  it('is not a sentence that only says it, nor a number that is no case', () => {
    expect(parseSurvey('满意')).toBeNull();
    expect(parseSurvey('我很满意')).toBeNull();
    expect(parseSurvey('对12号不满意')).toBeNull();
    expect(parseSurvey('满意 0')).toBeNull();
    expect(parseSurvey('满意 99999999999')).toBeNull();
  });
});
