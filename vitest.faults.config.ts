import { defineConfig } from 'vitest/config';

/**
 * npm run test:faults — the fault suite (tests/faults): the service under steady load while Redis,
 * PostgreSQL and the WeChat API fail. Not part of `npm test` (slow, timing-based); the files run
 * one after another so their loads do not overlap on a small machine.
 */
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
