import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadFlows } from '../../src/flows/load-flows.js';
import { loadIntents } from '../../src/runtime/load-intents.js';

const flowsDir = fileURLToPath(new URL('../../flows', import.meta.url));
const { flows } = loadFlows(flowsDir);
const categories = ['streetlight', 'road', 'sanitation', 'greening', 'drainage', 'noise', 'safety', 'encroachment', 'other'];

describe('flows/intents.yaml against the loaded flows', () => {
  it('its cues point to loaded flows, and its topics answer the report’s category question', () => {
    const model = loadIntents(flowsDir, flows, categories);
    expect(model.flows).toEqual(['report', 'proposal', 'wish']);
    expect(model.topics).toMatchObject({ flow: 'report', slot: 'category', shortlist: 'categoryGuesses', offer: 3 });
  });

  it('a shortlist param the topics’ flow does not declare stops the start', () => {
    const report = flows.get('report')!;
    const without = new Map([...flows, ['report', { ...report, params: [] }]]);
    expect(() => loadIntents(flowsDir, without, categories)).toThrow(/topics.shortlist 'categoryGuesses' is not a param of flow 'report'/);
  });

  it('cues for a flow that is not loaded stop the start', () => {
    const onlyReport = new Map([...flows].filter(([id]) => id === 'report'));
    expect(() => loadIntents(flowsDir, onlyReport, categories)).toThrow(/cues for flows that free text cannot start: proposal/);
  });
});
