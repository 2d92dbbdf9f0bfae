import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReports, LoadLoop, recovery, say, sleep, startFaultStack, text, unrecorded, waitUntil, type Exchange, type FaultStack } from './harness.js';

/**
 * Redis (conversation state, dedupe, locks) fails under steady load: cut (connections reset and
 * refused), then stalled (bytes held, then released). Residents get 系统繁忙 or `success` while it
 * is away, never a 5xx; every conversation works again after it returns; no report number told to
 * a resident is missing from the database.
 *
 * The assertions count outcomes, not rates: an outage lasts until residents have been told
 * 系统繁忙 (at least 4 s, at most 30 s), and recovery is "every resident answered again" within a
 * generous bound, so a busy machine (the suite beside it) makes the test slower, not red.
 */
describe('faults: Redis', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startFaultStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const during = (xs: Exchange[], from: number, to: number) => xs.filter((e) => e.sentAt >= from && e.doneAt <= to);

  it('cut and restored: busy or success during the outage, everything works after, nothing confirmed is lost', async () => {
    const loop = new LoadLoop({ url: stack.svc.url, residents: 16, persona: 'mix', maxMessages: 50_000, maxMs: 170_000 }).start();
    await sleep(3000);
    const cutAt = Date.now();
    stack.redisProxy.cut();
    // away for at least 4 s, and until residents were told 系统繁忙 (a loaded machine sends fewer messages)
    const busyInOutage = () => loop.count((e) => e.sentAt >= cutAt + 300 && e.outcome === 'busy');
    await sleep(4000);
    await waitUntil(() => busyInOutage() >= 3, 26_000);
    const restoreAt = Date.now();
    stack.redisProxy.restore();
    // a lock taken just before the cut cannot be released while Redis is away: that resident waits
    // out the lock's 15 s TTL (src/runtime/turn.ts LOCK) before being served again
    const recovered = await recovery(loop, restoreAt, 60_000);
    await sleep(2000);
    await loop.stop();

    const outage = during(loop.exchanges, cutAt + 300, restoreAt);
    // after recovery every resident is answered again (help is a plain database read)
    const check = await Promise.all(loop.residents.map((r) => say(stack.svc.url, r.openid, text('帮助'))));
    const audit = await auditReports(stack.sql, loop, loop.openidPrefix, stack.fake);
    // every message a resident was answered has its line in the transcript once the queue is drained
    await stack.drainTranscript();
    const lostLines = await unrecorded(stack.sql, loop.exchanges, loop.openidPrefix);
    const t = loop.tally();
    const o = loop.tally(outage);
    const times = [...recovered.values()].sort((x, y) => x - y);
    console.log(
      `[redis cut] injected: Redis connections reset and refused for ${restoreAt - cutAt} ms under ${loop.residents.length} residents' load\n` +
        `  counted: messages ${t.total} (outage ${o.total}: busy ${o.busy}, success ${o.success}, answered ${o.answer}), ` +
        `5xx ${t['5xx']}, http errors ${t.http_error}, no answer ${t.error}; residents answered again ${recovered.size}/${loop.residents.length} ` +
        `(median ${times[Math.floor(times.length / 2)]} ms, slowest ${times.at(-1)} ms after restore); reports confirmed ${audit.distinctConfirmed} (${audit.toldLate} late), in db ${audit.reportsInDb} (never told ${audit.neverTold}), ` +
        `lost ${audit.lost}, duplicated ${audit.duplicated}, 提交成功 without a number ${audit.savedWithoutNumber}; help after recovery ${check.filter((c) => c.content.includes('您可以回复')).length}/${check.length}; answered messages missing from the transcript ${lostLines}`,
    );
    expect(t['5xx']).toBe(0);
    expect(t.http_error).toBe(0);
    expect(t.error).toBe(0);
    // while Redis is away a resident reads 系统繁忙 (or nothing: success), never a made-up answer
    expect(o.busy).toBeGreaterThanOrEqual(1);
    expect(o.answer + o.unexpected + o.rate_limited).toBe(0);
    expect(recovered.size).toBe(loop.residents.length);
    expect(check.every((c) => c.status === 200 && c.content.includes('您可以回复'))).toBe(true);
    expect(audit.confirmed).toBeGreaterThan(0);
    expect(audit.lost).toBe(0);
    expect(audit.duplicated).toBe(0);
    expect(audit.savedWithoutNumber).toBe(0);
    expect(lostLines).toBe(0);
    expect((await fetch(`${stack.svc.url}/healthz`)).status).toBe(200);
  });

  it('stalled (no byte moves for 3 s, then all delivered): no 5xx, and every resident is answered again afterwards', async () => {
    const loop = new LoadLoop({ url: stack.svc.url, residents: 12, persona: 'mix', maxMessages: 50_000, maxMs: 170_000 }).start();
    await sleep(2500);
    const stallAt = Date.now();
    stack.redisProxy.stall();
    await sleep(3000);
    const restoreAt = Date.now();
    stack.redisProxy.restore();
    // a command that timed out during the stall may still take its lock when the bytes arrive: the
    // resident's lock then lives out its 15 s TTL. Wait for every resident to be answered again.
    const recovered = await recovery(loop, restoreAt, 60_000);
    await loop.stop();
    const audit = await auditReports(stack.sql, loop, loop.openidPrefix, stack.fake);
    const t = loop.tally();
    const o = loop.tally(during(loop.exchanges, stallAt + 300, restoreAt + 2000));
    const slowest = Math.max(...recovered.values());
    console.log(
      `[redis stall] injected: Redis bytes held for ${restoreAt - stallAt} ms (connections kept open), then released\n` +
        `  counted: messages ${t.total} (during the stall and 2 s after: busy ${o.busy}, success ${o.success}, answered ${o.answer}), 5xx ${t['5xx']}, no answer ${t.error}; ` +
        `residents answered again ${recovered.size}/${loop.residents.length}, slowest after ${slowest} ms; reports confirmed ${audit.distinctConfirmed}, lost ${audit.lost}, duplicated ${audit.duplicated}`,
    );
    expect(t['5xx']).toBe(0);
    expect(t.http_error).toBe(0);
    expect(t.error).toBe(0);
    expect(recovered.size).toBe(loop.residents.length);
    expect(audit.lost).toBe(0);
    expect(audit.duplicated).toBe(0);
    expect(audit.savedWithoutNumber).toBe(0);
  });
});
