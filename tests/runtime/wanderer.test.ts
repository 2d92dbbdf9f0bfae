import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { createPostgresDatabaseUrl } from '../helpers/db.js';
import { TEST_REDIS_URL } from '../helpers/servers.js';
import { startTestService } from '../helpers/service.js';
import { wander } from '../helpers/wanderer.js';

/**
 * The wanderer check (issue 12): every step of the walks in tests/helpers/wanderer.ts holds, on
 * both setups. The figure (N of M) is printed here and by `node --import tsx scripts/wanderer.ts`.
 * On 2026-12-07: 32 of 41 held with only item 7 in; 40 of 40 once items 1–6 were merged (the
 * walk lost one step: a photo sent early now counts, so the photo question is not asked again).
 */
const setups = [
  { name: 'embedded (PGlite, in-process state)', real: false },
  { name: 'real (PostgreSQL, Redis)', real: true },
];

describe.each(setups)('a resident who wanders — $name', ({ real }) => {
  let svc: Service;
  let drop = async () => {};
  beforeAll(async () => {
    const env: Record<string, string> = {};
    if (real) {
      const db = await createPostgresDatabaseUrl();
      drop = db.drop;
      env.DATABASE_URL = db.url;
      env.REDIS_URL = TEST_REDIS_URL;
    }
    svc = await startTestService(env, { storePrefix: `t:${randomBytes(4).toString('hex')}:` });
  });
  afterAll(async () => {
    await svc.stop();
    await drop();
  });

  it('holds at every step', async () => {
    const results = await wander(svc, `oWander${randomBytes(3).toString('hex')}`);
    const held = results.filter((r) => r.holds);
    console.log(
      `wanderer: ${held.length} of ${results.length} steps hold` +
        results.filter((r) => !r.holds).map((r) => `\n  ✗ ${r.name}: ${r.why.join('; ')}`).join(''),
    );
    for (const r of results) expect(r.why, `${r.name}\n${r.reply}`).toEqual([]);
  });
});
