import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASE_KINDS } from '../../src/civic/kinds/names.js';
import { formatProblem } from '../../src/engine/index.js';
import { loadFlows } from '../../src/flows/load-flows.js';
import { knownFlowNames } from '../../src/runtime/flow-names.js';
import { lookupProviders } from '../../src/runtime/lookups/index.js';

const flowsDir = fileURLToPath(new URL('../../flows', import.meta.url));

describe('the names flows may use, as the runtime knows them', () => {
  it('every case kind may be submitted, and every lookup provider named', () => {
    const known = knownFlowNames();
    expect(known.kinds).toEqual(expect.arrayContaining([...CASE_KINDS]));
    expect(known.lookups).toEqual(Object.keys(lookupProviders));
  });

  it('the flows in flows/ use only those names', () => {
    expect(loadFlows(flowsDir, { known: knownFlowNames() }).problems.map(formatProblem)).toEqual([]);
  });
});
