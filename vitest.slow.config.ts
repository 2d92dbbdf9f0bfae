import { defineConfig } from 'vitest/config';

/**
 * npm run test:slow — what is too slow for the loop of every change: the webhook abuse volume
 * (tests/abuse: 10,000 random and mutated requests) and the browser tests (tests/browser:
 * Chromium against the service and the built console). CI runs it after `npm test`.
 */
export default defineConfig({
  test: {
    include: ['tests/abuse/**/*.test.ts', 'tests/browser/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
