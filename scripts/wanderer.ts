/**
 * The wanderer check (issue 12): drives the webhook, through the local simulator, as a resident
 * who wanders (tests/helpers/wanderer.ts has the walk and what each step must hold), on the
 * embedded defaults (PGlite, in-process state), and prints "N of M steps hold" with the ones that
 * do not. Exits 1 when a step does not hold.
 * Run: node --import tsx scripts/wanderer.ts [--replies]   (--replies: print every reply)
 */
import { randomBytes } from 'node:crypto';
import { wander } from '../tests/helpers/wanderer.js';
import { startTestService } from '../tests/helpers/service.js';

const svc = await startTestService();
try {
  const results = await wander(svc, `oWander${randomBytes(3).toString('hex')}`);
  const held = results.filter((r) => r.holds).length;
  results.forEach((r, i) => {
    if (process.argv.includes('--replies')) console.log(`\n${i + 1}. ${r.name}\n${r.reply}`);
  });
  console.log(`\nwanderer: ${held} of ${results.length} steps hold`);
  for (const [i, r] of results.entries()) {
    if (!r.holds) console.log(`  ✗ ${i + 1}. ${r.name}: ${r.why.join('; ')}\n      reply: ${r.reply.replace(/\n/g, ' ⏎ ').slice(0, 160)}`);
  }
  process.exitCode = held === results.length ? 0 : 1;
} finally {
  await svc.stop();
}
