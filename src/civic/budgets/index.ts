/** 年度预算与批次: envelopes a street sets per year, the rule approving spends them, and numbered batches published together. */
export * from './envelope.js';
export * from './envelope-rule.js';
export * from './batches.js';
export * from './reserve-expiry.js';
