import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personaFor, Resident, SpotGrid, emptyStats } from '../../bench/lib/residents.js';
import { openidFor } from '../../bench/lib/wechat-messages.js';
import type { Service } from '../../src/service.js';
import { messages, say, startFaultStack, type FaultStack } from './harness.js';

/**
 * WeChat delivers every message three times (its retries), at once, to two app instances that
 * share Redis and PostgreSQL. Residents walk whole conversations, filing reports; each of their
 * messages is posted 3× concurrently (same body, same MsgId), spread over the instances. Every
 * delivery of a message gets the same answer, and no report is filed twice.
 */
describe('faults: every message delivered 3× at once across two instances', () => {
  let stack: FaultStack;
  let second: Service;
  beforeAll(async () => {
    stack = await startFaultStack();
    second = await stack.addInstance();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('zero duplicate reports, identical answers (plaintext and safe mode)', async () => {
    const tag = `dup${Date.now().toString(36)}`;
    const grid = new SpotGrid(Math.floor(Math.random() * 1000) * 100_000);
    const stats = emptyStats();
    const RESIDENTS = 12;
    const TURNS = 20;
    const residents = Array.from({ length: RESIDENTS }, (_, i) => new Resident(openidFor(tag, i), personaFor(i % 4 === 3 ? 'keyword' : 'submit', i), i, { grid, lookupMax: () => 20 }));
    const instances = [stack.svc, second];
    let deliveries = 0;
    let differing = 0;
    let fivexx = 0;
    let deferred = 0;
    let confirmed = 0;
    const samples: string[] = [];
    await Promise.all(
      residents.map(async (r, i) => {
        const safe = i % 2 === 1;
        for (let turn = 0; turn < TURNS; turn++) {
          const step = r.next();
          // one delivery = one body and one query; WeChat repeats exactly that
          const wire = messages.request(r.openid, step.input, safe);
          const targets = [0, 1, 2].map((k) => instances[(i + turn + k) % 2]!);
          const answers = await Promise.all(targets.map((s) => say(s.url, r.openid, step.input, { wire })));
          deliveries += answers.length;
          fivexx += answers.filter((a) => a.status >= 500).length;
          deferred += answers.filter((a) => a.kind === 'success').length;
          // safe-mode replies are encrypted with fresh randomness: compare what the resident reads
          const seen = new Set(answers.map((a) => `${a.status}|${a.kind}|${a.content}`));
          if (seen.size > 1) {
            differing++;
            if (samples.length < 3) samples.push([...seen].join(' ≠ ').slice(0, 300));
          }
          const a0 = answers.find((a) => a.kind === 'text') ?? answers[0]!;
          if (a0.status === 200 && a0.kind !== 'error') r.read({ kind: a0.kind, content: a0.content }, stats);
          else r.noAnswer();
          if (/编号是 #\d+/.test(a0.content)) confirmed++;
        }
      }),
    );
    const prefix = openidFor(tag, 0).slice(0, openidFor(tag, 0).indexOf('_') + 1);
    const dupes = await stack.sql<{ n: number }[]>`
      select count(*)::int as n from cases where openid like ${prefix + '%'}
      group by openid, description, location_label, category, lat, lng having count(*) > 1`;
    const reports = await stack.sql<{ id: number }[]>`select id from cases where openid like ${prefix + '%'}`;
    await stack.drainTranscript();
    const inbound = await stack.sql<{ n: number }[]>`select count(*)::int as n from messages where openid like ${prefix + '%'} and direction = 'in'`;
    console.log(
      `[duplicates] injected: each of ${RESIDENTS * TURNS} messages delivered 3× concurrently over 2 instances (half the residents in safe mode)\n` +
        `  counted: deliveries ${deliveries}, 5xx ${fivexx}, deferred (success) ${deferred}, messages with differing answers ${differing}, ` +
        `reports confirmed ${confirmed}, reports in db ${reports.length}, duplicated ${dupes.length}, inbound transcript rows ${inbound[0]?.n} for ${RESIDENTS * TURNS} messages` +
        (samples.length ? `\n  differing: ${samples.join('\n             ')}` : ''),
    );
    expect(fivexx).toBe(0);
    expect(differing).toBe(0);
    expect(dupes.length).toBe(0);
    expect(confirmed).toBeGreaterThan(0);
    expect(reports.length).toBe(confirmed);
    // each message is handled once: one transcript row per message, not per delivery
    expect(inbound[0]?.n).toBe(RESIDENTS * TURNS);
  });
});
