import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileFlows } from '../../src/engine/index.js';
import { loadFlows } from '../../src/flows/load-flows.js';
import { TriggerIndex } from '../../src/runtime/trigger-index.js';

const flowsDir = fileURLToPath(new URL('../../flows', import.meta.url));
const { flows } = loadFlows(flowsDir);

describe('which flow a message outside any flow starts, from the flows’ triggers', () => {
  const index = new TriggerIndex(flows.values());

  it('a keyword, with or without 我要 / 我想, and with punctuation', () => {
    expect(index.keyword('报修')?.id).toBe('report');
    expect(index.keyword('我要报修！')?.id).toBe('report');
    expect(index.keyword('我想提议')?.id).toBe('proposal');
    expect(index.keyword('报修路灯')).toBeUndefined();
  });

  it('a shared location and a photo start the flow that claims them (report.yaml)', () => {
    expect(index.location?.id).toBe('report');
    expect(index.location?.triggers.location).toBe('location');
    expect(index.image?.id).toBe('report');
  });

  it('a flow added to flows/ brings its own triggers: nothing in the runtime names it', () => {
    const locale = flows.get('report')!.locale;
    const wish = [
      'id: wish',
      'name: 微心愿',
      'spec: 1',
      'expireAfterMinutes: 30',
      'triggers: { keywords: [心愿, 许愿], image: true, intentSlot: wish }',
      'start: wish',
      'nodes:',
      '  wish: { type: text, prompt: 请说说您的心愿。, next: done }',
      '  done: { type: submit, kind: wish, message: 好的。 }',
    ].join('\n');
    const compiled = compileFlows([{ file: 'wish.yaml', text: wish }], { locale, categories: [] }, { kinds: ['wish'] });
    expect(compiled.problems).toEqual([]);
    const withWish = new TriggerIndex([...compiled.flows.values()]);
    expect(withWish.keyword('我要许愿')?.id).toBe('wish');
    expect(withWish.image?.id).toBe('wish');
    expect(withWish.location).toBeUndefined();
  });
});
