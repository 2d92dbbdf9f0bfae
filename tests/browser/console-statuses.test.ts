import { describe, expect, it } from 'vitest';
import { proposalStatuses } from '../../src/civic/lifecycle/proposal.js';
import { reportStatuses } from '../../src/civic/lifecycle/report.js';
import { PROPOSAL_STATUSES, REPORT_STATUSES } from '../../src/console/web/src/statuses.js';

/** The console bundles its own copy of the status labels (the lifecycles import the database layer). */
describe('the console status labels', () => {
  it('are the lifecycles’ keys and labels, in the same order', () => {
    expect(Object.entries(REPORT_STATUSES)).toEqual(Object.entries(reportStatuses));
    expect(Object.entries(PROPOSAL_STATUSES)).toEqual(Object.entries(proposalStatuses));
  });
});
