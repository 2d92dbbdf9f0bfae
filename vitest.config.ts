import { availableParallelism } from 'node:os';
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
    // vitest's default is one worker fewer than the cores: on 2 cores one file at a time. Much of a
    // test's time is spent waiting (PostgreSQL, Redis, timers, child processes), so one worker more
    // than the cores is faster. On 2 cores under load 8–11 (isolated files): 1 worker 307 s, 2 192 s,
    // 3 174 s, 4 174 s.
    maxWorkers: availableParallelism() + 1,
    // a worker keeps the modules it imported from one file to the next instead of importing src/
    // again for every file: half the CPU of the run (132 → 64 s) and 183 → 83–113 s on the same box.
    // Safe while tests leave no module or global state behind: no vi.mock, no process.env or global
    // changes, everything opened in a file closed in its afterAll. `npx vitest run --isolate` runs
    // each file in fresh modules, to check that a test does not lean on an earlier file.
    isolate: false,
    globalSetup: ['tests/helpers/global-setup.ts'],
  },
});
