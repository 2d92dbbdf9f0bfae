import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/intent/commands.js';
import { MAX_CASE_ID } from '../../src/intent/case-ref.js';
import { classifyIntent } from '../../src/intent/classify.js';
import { loadIntentModel } from '../../src/intent/intent-model.js';

const model = loadIntentModel('flows/intents.yaml');
/** half width → full width for ASCII letters, digits and punctuation */
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('properties', () => {
  it('parseCommand and classifyIntent never throw and return well-formed results', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const c = parseCommand(text);
        if (c && 'caseId' in c) expect(c.caseId >= 1 && c.caseId <= MAX_CASE_ID).toBe(true);
        const r = classifyIntent(text, model);
        expect(r.confidence >= 0 && r.confidence <= 1).toBe(true);
        expect(r.category === undefined || r.flow === 'report').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('every case number reads back, whatever the separator and width', () => {
    const sep = fc.constantFrom('', ' ', '#', '：', ':', ' # ', '第', '　', '编号');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_CASE_ID }), sep, fc.boolean(), (id, s, wide) => {
        const text = `查询${s}${id}`;
        expect(parseCommand(wide ? fullWidth(text) : text)).toEqual({ type: 'lookup', caseId: id });
        expect(parseCommand(`订阅${s}${id}`)).toEqual({ type: 'subscribe', caseId: id });
      }),
    );
  });

  it('a command word followed by more words is not a command', () => {
    const tail = fc.constantFrom('路灯坏了', '一下路灯', '电费', '什么意思', '订单', '的事情');
    const word = fc.constantFrom('取消', '人工', '查询', '订阅', '公示', '统计', '帮助');
    fc.assert(
      fc.property(word, tail, (w, t) => {
        expect(parseCommand(`${w}${t}`)).toBeNull();
      }),
    );
  });
});
