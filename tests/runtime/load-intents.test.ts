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
    expect(model.topics).toEqual({ flow: 'report', slot: 'category' });
  });

  it('cues for a flow that is not loaded stop the start', () => {
    const onlyReport = new Map([...flows].filter(([id]) => id === 'report'));
    expect(() => loadIntents(flowsDir, onlyReport, categories)).toThrow(/cues for flows that free text cannot start: proposal/);
  });
});
