import { defineConfig } from 'vitest/config';

/**
 * npm test — the fast tier: unit, domain (on PostgreSQL), the PGlite parity suite and the
 * embedded end-to-end tests. The slow tiers run after it in CI (.ci/run): `npm run test:slow`
 * (abuse volume and the browser, vitest.slow.config.ts) and `npm run test:faults`.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/faults/**', 'tests/abuse/**', 'tests/browser/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
